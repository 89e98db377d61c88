// The conversation-prompt library: what the bot posts in each pair's group DM, week by week.
//
// Rules for editing this file:
// - ids are stored in the database. Never rename, renumber or reuse one; retire a prompt by
//   leaving it in place (or, if it must go, keep its id out of circulation for good).
// - Titles are plain text (≤ 60 chars, no placeholders); bodies are Slack mrkdwn (≤ 1200 chars).
// - General prompts may name the pair's custom topic with `{topic|fallback}` (see template.ts).
// - Speak to both people, and to the mentee as the senior colleague they are. "Ask and listen rather than
//   advise" is said once per pair, where it helps: in the kick-off (or the single session). Every other prompt
//   gives the mentee something to do instead of telling them how to behave.

import { CATALOGUE_TOPICS } from '../catalogue.js';
import type { Prompt, PromptTopic, ReflectionQuestion } from './types.js';

const lines = (...parts: string[]): string => parts.join('\n');

// ---------------------------------------------------------------------------------------------
// Structure: first and last weeks
// ---------------------------------------------------------------------------------------------

export const KICKOFF_PROMPT: Prompt = {
  id: 'kickoff',
  kind: 'kickoff',
  topic: 'general',
  title: 'Kick-off — how you two will work together',
  body: lines(
    'Use your first half hour to set things up, so the weeks ahead feel easy.',
    '',
    '• *What you each want from it.* Mentee: name one or two things you’d like to understand better by the end. Mentor: say what you’re keen to share, and what you hope to get out of it yourself. This only works if both of you learn something.',
    '• *When and how you’ll meet.* About 30 minutes each time is plenty. Pick a regular slot, decide on video, phone, a coffee or a walk, and agree who moves it when plans change.',
    '• *What stays private.* Say it out loud: what’s said in this pair stays in this pair, unless you both agree otherwise.',
    '• *Who steers.* The mentor leads these conversations and chooses what to show. Mentee, you’re here to ask, try things and listen: your experience is welcome, but this is one meeting where you don’t need to have the answers.',
    '',
    'Note what you agree right here in this DM so you can both find it later.',
  ),
  tryThis: 'Each of you finishes the sentence “This will have been worth it if…” and posts it here.',
};

export const WRAP_UP_PROMPT: Prompt = {
  id: 'wrap-up',
  kind: 'wrap-up',
  topic: 'general',
  title: 'Wrap-up — what you two are taking away',
  body: lines(
    'Use this half hour to look back together, and to decide what happens next.',
    '',
    '• *Mentee:* what’s the most useful thing you learned? Name one thing you’ll change in how you lead, and when you’ll start.',
    '• *Mentor:* what are you taking with you, about how leaders think, how decisions get made, or how you explain what you know?',
    '• *Both of you:* which conversation worked best, and why? What would you do differently if you started again tomorrow?',
    '• *What’s next:* would you like to keep meeting, maybe monthly or around a new theme? Stopping here is a perfectly good answer too.',
    '',
    'End with a specific thank-you: tell each other about one moment from these weeks that stuck with you.',
  ),
  tryThis: 'Each of you posts one line here that starts “Because of these conversations, I…”.',
};

/** Used only when a plan has a single cycle: the kick-off and the wrap-up in one half hour. */
export const SINGLE_SESSION_PROMPT: Prompt = {
  id: 'single-session',
  kind: 'single-session',
  topic: 'general',
  title: 'One conversation — make the most of it',
  body: lines(
    '*You two have a single session*, so this one rolls the start and the finish into half an hour.',
    '',
    '• *First five minutes:* agree that what’s said here stays between you, and that the mentor leads.',
    '• *Next twenty:* mentor, pick the one thing you’d most like the mentee to see or try, such as a tool, a habit or a view from where you sit, and show it. Mentee, ask, try it yourself and listen: this is one meeting where you don’t need to have the answers.',
    '• *Last five:* each of you names one thing you learned. Mentee: what will you try this week? Then decide whether you want to stay in touch.',
  ),
  tryThis:
    'Before you hang up, the mentee books ten minutes in their own calendar to practise what they saw.',
};

// ---------------------------------------------------------------------------------------------
// Topic prompts: one catalogue topic each, a concrete half hour with something to do together
// ---------------------------------------------------------------------------------------------

const AI_TOOLS: readonly Prompt[] = [
  {
    id: 'ai-write-a-real-prompt',
    kind: 'conversation',
    topic: 'ai-tools',
    title: 'Write a real AI prompt together',
    body: lines(
      '*This week: use an AI assistant on something real.*',
      '',
      '• Mentee, bring a genuine task from your week: a long report to summarise, an awkward email to draft, a meeting to prepare for.',
      '• Mentor, share your screen, open the assistant you actually use and write the first prompt out loud. Explain each choice: the context you give, the format you ask for, what you leave out.',
      '• Mentee, now write your own version from scratch and run it. Compare the two answers side by side.',
      '• Spend the last ten minutes on what the tool got wrong, and how each of you would have noticed.',
    ),
    tryThis: 'Mentee: use the assistant once more on your own before you next meet, and bring the result.',
  },
  {
    id: 'ai-mentor-workday-toolkit',
    kind: 'conversation',
    topic: 'ai-tools',
    title: 'A normal workday in the mentor’s AI toolkit',
    body: lines(
      '*Mentor, walk the mentee through an ordinary day and show where AI turns up in it.*',
      '',
      '• Open the tools for real: the chat assistant, anything built into your email, docs or code editor, the apps on your phone. Include the tiny, boring uses; they’re often the most telling.',
      '• Be just as clear about where you *don’t* use AI, and why.',
      '• Mentee, keep asking “why this one, and not that?” and note anything your own team might be doing that you had no idea about.',
      '',
      'You two might finish by listing three uses the mentee could copy tomorrow.',
    ),
    tryThis: 'Mentee: pick one use from the list and try it every day this week.',
  },
  {
    id: 'ai-check-the-answer',
    kind: 'conversation',
    topic: 'ai-tools',
    title: 'Catch the AI out, and know when to trust it',
    body: lines(
      '*Test an AI tool on ground the mentee knows inside out.*',
      '',
      '• Mentee, pick a question from your own field where you already know the right answer, including the nuances.',
      '• Ask it together and read the reply closely. Where is it right, vague, out of date or confidently wrong?',
      '• Mentor, show how you check answers in practice: asking for sources, asking it to explain its reasoning, comparing with a second tool, or just knowing when to stop using it.',
      '',
      'To finish, talk about what this means for the reports and slides that now reach the mentee, some of them partly written by AI.',
    ),
  },
  {
    id: 'ai-team-ground-rules',
    kind: 'conversation',
    topic: 'ai-tools',
    title: 'What people really do with AI at work',
    body: lines(
      '*Mentor, describe how people around you actually use AI at work, including the uses nobody mentions in meetings.*',
      '',
      '• What do colleagues use it for? What do they worry about: being judged for it, sharing the wrong data, what it means for their jobs?',
      '• What would make people comfortable being open about it?',
      '• Mentor, take the first twenty minutes; the mentee’s own view can wait for the last ten. The aim today is to hear how it looks from the floor, not to set policy on the spot.',
      '',
      'Then sketch together three plain-English ground rules you think a team like yours would welcome.',
    ),
    tryThis:
      'Mentee: ask one person on your team how they use AI, and what would make them more open about it.',
  },
  {
    id: 'ai-meeting-notes-and-actions',
    kind: 'conversation',
    topic: 'ai-tools',
    title: 'Hand the dull bits of meetings to AI',
    body: lines(
      '*Try AI on the admin that eats up a leader’s week.*',
      '',
      '• Take some messy notes from a recent meeting (nothing confidential) or a public recording, such as a webinar.',
      '• Mentor, show how you turn notes or a transcript into a summary, a list of decisions and a list of actions with owners.',
      '• Mentee, write your own three-line summary first, then compare it with what the tool produced. What did each of you catch that the other missed?',
      '',
      'Close by agreeing what you two would and wouldn’t be happy to let a tool summarise.',
    ),
  },
];

const SOCIAL_MEDIA: readonly Prompt[] = [
  {
    id: 'social-feed-tour',
    kind: 'conversation',
    topic: 'social-media',
    title: 'A guided tour of the mentor’s feed',
    body: lines(
      '*Mentor, open the app you spend the most time in and scroll together*, showing only what you’re comfortable sharing.',
      '',
      '• Explain why posts appear: who you follow, what the app has learned about you, what you always skip.',
      '• Show the formats that hold your attention (short video, carousels, memes, long threads) and the ones that lose you straight away.',
      '• Mentee, jot down three things that surprise you and ask about each one before the half hour is up.',
    ),
    tryThis: 'Mentee: spend ten minutes in that same app this week and notice what it starts showing you.',
  },
  {
    id: 'social-us-from-outside',
    kind: 'conversation',
    topic: 'social-media',
    title: 'How the organisation looks from outside',
    body: lines(
      '*Search for your organisation, or your industry, on two platforms together.*',
      '',
      '• What are people saying, and who is saying it? What does the organisation post itself?',
      '• Mentor, give your honest reaction: would your friends follow, share or scroll past? What would make them stop?',
      '• Mentee, ask what someone your mentor’s age would expect to see instead, and where they would go looking for it.',
      '',
      'Finish with one thing that surprised each of you.',
    ),
  },
  {
    id: 'social-draft-a-post',
    kind: 'conversation',
    topic: 'social-media',
    title: 'Draft a post the mentee would actually publish',
    body: lines(
      '*Mentee, bring something from your week that might be worth sharing*: a team win, a lesson, an event you went to.',
      '',
      '• Together, pick the platform and the audience first.',
      '• Mentor, coach the draft: opening line, length, tone, whether it needs a picture, how to credit people, which hashtags (if any) matter.',
      '• Write two versions, one more formal and one more personal, and talk about how each would be received.',
      '',
      'Posting it is entirely the mentee’s call. Today is about the craft.',
    ),
    tryThis: 'Mentee: publish it, or a version of it, and share the link here if you do.',
  },
  {
    id: 'social-one-story-many-platforms',
    kind: 'conversation',
    topic: 'social-media',
    title: 'One announcement, five platforms',
    body: lines(
      '*Pick one recent announcement from your organisation* and imagine it landing on different platforms.',
      '',
      '• Mentor, talk through how it would come across on LinkedIn, Instagram, TikTok, a Reddit thread and a friends’ group chat. Who is on each one, and what do they expect?',
      '• Mentee, ask which of these your customers, future hires and your own teams really use.',
      '• Rewrite the opening line of the announcement for the two platforms that matter most to you two.',
    ),
  },
  {
    id: 'social-work-personal-line',
    kind: 'conversation',
    topic: 'social-media',
    title: 'Where work ends and personal begins online',
    body: lines(
      '*A conversation about boundaries.*',
      '',
      '• Mentor, what would you happily post about work, and what never? How would you feel if your manager, or the mentee, followed you?',
      '• What does a leader’s online presence, or absence, say to younger colleagues? Which leaders online do you think get it right?',
      '• Mentee, ask what you could borrow from how your mentor thinks about it, for your own presence online.',
    ),
    tryThis:
      'Mentee: look at your own public profile as if you were a new hire seeing it for the first time.',
  },
];

const COLLABORATION_TOOLS: readonly Prompt[] = [
  {
    id: 'collab-workspace-setup',
    kind: 'conversation',
    topic: 'collaboration-tools',
    title: 'Set up Slack or Teams the way the mentor does',
    body: lines(
      '*Mentor, share your screen and show how you keep Slack or Teams under control.*',
      '',
      '• Channel sections or pinned chats, muting, saved items, reminders, search tricks, keyboard shortcuts: whatever you rely on.',
      '• Mentee, open your own workspace alongside and set up two of them during the call, not after it.',
      '• Talk about what the mentor’s setup says about how they work, and what the mentee’s current setup says about theirs.',
    ),
    tryThis: 'Mentee: try one new shortcut or setting every day this week.',
  },
  {
    id: 'collab-meeting-to-async',
    kind: 'conversation',
    topic: 'collaboration-tools',
    title: 'Turn one recurring meeting into async',
    body: lines(
      '*Open the mentee’s calendar and pick a recurring meeting that could be something else.*',
      '',
      '• Mentor, be candid: what do people at your level think of meetings like this one?',
      '• Design the replacement together: a weekly thread, a short recorded video, a shared doc with comments, or a smaller meeting with a written update first.',
      '• Work out what would be lost and how you would make up for it.',
    ),
    tryThis: 'Mentee: trial the async version once with your team and ask them how it felt.',
  },
  {
    id: 'collab-how-your-messages-land',
    kind: 'conversation',
    topic: 'collaboration-tools',
    title: 'How your messages land',
    body: lines(
      '*Mentee, pick three or four messages you sent to your team recently* (nothing sensitive) and show them to the mentor.',
      '',
      '• Mentor, read them the way a junior colleague would. How does a one-word reply feel? Or “can we talk?” with no context, or a message at 11pm?',
      '• Chat about emoji, reactions, threads versus new messages, and what a quick 👍 signals.',
      '• Rewrite one message together so it says what the mentee meant.',
    ),
  },
  {
    id: 'collab-shared-doc-live',
    kind: 'conversation',
    topic: 'collaboration-tools',
    title: 'Build something in a shared doc, live',
    body: lines(
      '*Work in one shared doc or whiteboard at the same time* for the whole half hour.',
      '',
      '• Mentor, show comments, suggestion mode, @mentions, assigning a task, version history, and how to tidy up afterwards.',
      '• Mentee, take the keyboard for most of it. Your task: plan your next session in the doc, with questions you each want to cover.',
      '• Talk about how the mentor’s team shares drafts, and how early is “too early” to share something unfinished.',
    ),
  },
  {
    id: 'collab-notifications-and-focus',
    kind: 'conversation',
    topic: 'collaboration-tools',
    title: 'Notifications, focus time and out-of-hours',
    body: lines(
      '*Mentor, show how you protect time to concentrate*: status messages, do-not-disturb, scheduled send, muted channels, notification settings on your phone.',
      '',
      '• Talk honestly about replying out of hours. What do people feel they must answer straight away? What do leaders’ evening messages signal, even with “no rush”?',
      '• Mentee, set up one focus habit on your own tools before you hang up.',
    ),
    tryThis: 'Mentee: use scheduled send for anything you write after hours this week.',
  },
];

const DATA_ANALYTICS: readonly Prompt[] = [
  {
    id: 'data-read-a-real-dashboard',
    kind: 'conversation',
    topic: 'data-analytics',
    title: 'Read a dashboard the mentee really gets',
    body: lines(
      '*Mentee, bring a report or dashboard you receive regularly* (share only what you may).',
      '',
      '• Mentor, walk through it chart by chart: what each one really shows, what’s missing, and which numbers could mislead.',
      '• Together, decide which single figure matters most, and whether it is even on the page.',
      '• Come up with one sharper question the mentee could ask the team who produce it.',
    ),
    tryThis: 'Mentee: ask that question at the next review and see what comes back.',
  },
  {
    id: 'data-answer-a-question-live',
    kind: 'conversation',
    topic: 'data-analytics',
    title: 'Answer a real question with data, live',
    body: lines(
      '*Mentee, name a question you genuinely want answered*, something a spreadsheet or data tool could help with.',
      '',
      '• Mentor, find or pull the data and start working on it while thinking aloud: cleaning, filtering, grouping, charting.',
      '• Halfway through, swap. Mentee, take the keyboard and finish the analysis with the mentor guiding you.',
      '• Agree what the answer is, and how confident you both are in it.',
    ),
  },
  {
    id: 'data-spreadsheet-moves',
    kind: 'conversation',
    topic: 'data-analytics',
    title: 'Spreadsheet moves the mentor swears by',
    body: lines(
      '*Mentor, pick the five spreadsheet techniques you use most* and teach them on a small sample sheet.',
      '',
      '• For example: filters, pivot tables, lookups, conditional formatting, a quick chart, or asking an AI helper to write a formula.',
      '• Mentee, repeat each one yourself straight after the demo. Watching is not the same as doing.',
      '• Finish by talking about which of these would save the mentee’s team the most time.',
    ),
    tryThis: 'Mentee: build one pivot table on real data this week.',
  },
  {
    id: 'data-spot-the-misleading-chart',
    kind: 'conversation',
    topic: 'data-analytics',
    title: 'Spot the misleading chart',
    body: lines(
      '*Gather three or four charts* from the news, social media or internal slides.',
      '',
      '• Mentor, point out the tricks, deliberate or not: axes that don’t start at zero, cherry-picked date ranges, averages hiding big differences, percentages without the base number.',
      '• Mentee, try to spot them yourself before the mentor explains each one.',
      '• Then talk about how to question a number in a meeting without putting the person presenting on the spot.',
    ),
  },
  {
    id: 'data-what-we-should-not-collect',
    kind: 'conversation',
    topic: 'data-analytics',
    title: 'Data we should think twice about using',
    body: lines(
      '*A conversation about trust.*',
      '',
      '• Mentor, how do you and your friends feel about apps and employers collecting data on you? What feels fair, what feels creepy, and what makes you click “reject all”?',
      '• Pick one way your organisation collects or uses data, about customers or staff, and look at it through the mentor’s eyes.',
      '• Mentee, notice where your view and your mentor’s differ, and ask what lies behind theirs.',
    ),
  },
];

const DIGITAL_MARKETING: readonly Prompt[] = [
  {
    id: 'marketing-follow-a-customer-journey',
    kind: 'conversation',
    topic: 'digital-marketing',
    title: 'Follow a customer’s journey online',
    body: lines(
      '*Mentor, play a customer* who has just heard of what your organisation offers.',
      '',
      '• Search for it, click through whatever comes up (ads, reviews, the website), try to sign up or get in touch. Narrate every reaction out loud, including the impatient ones.',
      '• Mentee, watch and take notes on every place the mentor hesitates, gets lost or gives up.',
      '• Pick the single biggest stumbling block and talk about who could fix it.',
    ),
    tryThis: 'Mentee: repeat the journey on your phone this week and time it.',
  },
  {
    id: 'marketing-ads-that-land',
    kind: 'conversation',
    topic: 'digital-marketing',
    title: 'Ads the mentor notices and ones they skip',
    body: lines(
      '*Mentor, show a few ads or bits of brand content that caught your eye recently*, plus a couple you scrolled straight past.',
      '',
      '• What made the difference: humour, honesty, a person you trust, the format, the timing?',
      '• Which brands do you trust, and what did they do to earn it?',
      '• Then look at a recent campaign from your own organisation together. Mentor, would it have stopped your thumb?',
    ),
  },
  {
    id: 'marketing-creators-and-trust',
    kind: 'conversation',
    topic: 'digital-marketing',
    title: 'Creators, influencers and who people believe',
    body: lines(
      '*Mentor, who do you turn to for recommendations* before you buy something or try a new place?',
      '',
      '• Show one or two creators you follow and explain why you believe them, sometimes more than the brand itself.',
      '• Find a brand–creator collaboration together and pull it apart: does it feel genuine or forced, and why?',
      '• Mentee, ask what would make a partnership with your organisation feel credible to the mentor’s friends.',
    ),
  },
  {
    id: 'marketing-inbox-test',
    kind: 'conversation',
    topic: 'digital-marketing',
    title: 'The inbox test',
    body: lines(
      '*Mentor, open your promotions folder or newsletter subscriptions* (whatever you’re comfortable showing).',
      '',
      '• Which emails do you open, which do you delete unread, which made you unsubscribe? What do subject lines that work have in common?',
      '• Now open your organisation’s latest newsletter or customer email together, and give it honest marks out of ten for subject line, first sentence and call to action.',
      '• Rewrite the subject line together.',
    ),
  },
  {
    id: 'marketing-metrics-in-plain-english',
    kind: 'conversation',
    topic: 'digital-marketing',
    title: 'Reach, clicks and what actually counts',
    body: lines(
      '*Mentor, explain the numbers marketers quote* (reach, impressions, engagement rate, click-through, conversion) in plain English, using a real campaign if you can.',
      '',
      '• Which numbers look impressive but mean little? Which ones tell you something changed?',
      '• Mentee, ask which one figure you should look for the next time someone presents campaign results to you.',
      '• Write that question down together so it’s ready for the next review.',
    ),
  },
];

const DIVERSITY_INCLUSION: readonly Prompt[] = [
  {
    id: 'inclusion-who-gets-heard',
    kind: 'conversation',
    topic: 'diversity-inclusion',
    title: 'Who gets heard in our meetings?',
    body: lines(
      '*Mentor, describe a typical meeting from where you sit.*',
      '',
      '• Who does most of the talking? Who gets interrupted? Whose ideas get picked up, and whose get credited to someone else? What makes it hard to speak up?',
      '• Mentee, ask for examples: what happened, who was in the room, what would have made it easier to speak.',
      '• Pick one meeting the mentee chairs and agree one small change to try there, such as going round the room or taking written questions first.',
    ),
    tryThis: 'Mentee: try the change once and tell your mentor how it went.',
  },
  {
    id: 'inclusion-words-that-include',
    kind: 'conversation',
    topic: 'diversity-inclusion',
    title: 'Words that welcome and words that shut out',
    body: lines(
      '*Look at a piece of writing from the mentee’s world together*: a job advert, an all-hands slide, a team announcement.',
      '',
      '• Mentor, point out phrases that could leave people out: jargon, sporting or military idioms, gendered words, assumptions about family life, or socials that revolve around drinking.',
      '• Talk about why each one matters, and to whom.',
      '• Rewrite one paragraph together so it reads as an open door.',
    ),
  },
  {
    id: 'inclusion-generation-myths',
    kind: 'conversation',
    topic: 'diversity-inclusion',
    title: 'Busting the generation myths',
    body: lines(
      '*Each of you writes down two clichés you’ve heard about the other’s generation*, for example that older people can’t handle technology, or that younger people never look up from their phones.',
      '',
      '• Swap lists. Where do these ideas come from? Which ones have you caught yourself believing?',
      '• What’s actually true for the two of you, and what has this pairing already shown you that the cliché gets wrong?',
      '• Keep it light, and be kind: the point is to laugh at the stereotype, not at each other.',
    ),
  },
  {
    id: 'inclusion-in-the-mentors-shoes',
    kind: 'conversation',
    topic: 'diversity-inclusion',
    title: 'The organisation through the mentor’s eyes',
    body: lines(
      '*Mentor, share as much or as little as you like* about your route into this organisation and what’s been easier or harder for you, or for people like you.',
      '',
      '• Mentee, open questions work best here, such as “what was that like?” or “what helped?”.',
      '• Mentor, you decide what’s on the table. It’s fine to say “I’d rather not go there”.',
      '• Close by naming one thing the mentee now sees differently.',
    ),
  },
  {
    id: 'inclusion-small-signals',
    kind: 'conversation',
    topic: 'diversity-inclusion',
    title: 'The small signals that say “you belong”',
    body: lines(
      '*Talk through the small everyday things that make people feel welcome, or not.*',
      '',
      '• Getting names right, meeting times that suit carers and other time zones, holidays beyond the usual ones, documents that work with a screen reader, socials that suit people who don’t drink.',
      '• Mentor, share one small thing that made you feel you belonged here, and one that did the opposite.',
      '• Mentee, pick one of your own habits to check against this list.',
    ),
    tryThis: 'Mentee: ask someone in your team how they pronounce their name, if you’ve never checked.',
  },
];

const MODERN_WORKPLACE: readonly Prompt[] = [
  {
    id: 'workplace-what-matters-in-a-job',
    kind: 'conversation',
    topic: 'modern-workplace',
    title: 'What makes a job worth staying in',
    body: lines(
      '*Before the mentor says anything, the mentee guesses.* Rank these for someone at the mentor’s stage: pay, flexibility, learning, purpose, a good manager, where and when you work, progression.',
      '',
      '• Mentor, now give your own ranking and the reasons behind it, and say what your friends would add.',
      '• Compare the two lists. Where was the mentee furthest off?',
      '• Talk about what would make someone in the mentor’s position leave, and what would make them stay.',
    ),
  },
  {
    id: 'workplace-hybrid-from-the-other-side',
    kind: 'conversation',
    topic: 'modern-workplace',
    title: 'Hybrid work, from the other side of the screen',
    body: lines(
      '*Mentor, describe a typical hybrid week*: where you work on which days, and why.',
      '',
      '• What makes a trip to the office worth it, and what makes it a waste of a commute?',
      '• What’s it like being the only person on the call while everyone else is in the room, or the other way round?',
      '• Mentee, look at your own team’s pattern together and spot one thing that might be getting in the way.',
    ),
  },
  {
    id: 'workplace-feedback-that-helps',
    kind: 'conversation',
    topic: 'modern-workplace',
    title: 'How people want feedback now',
    body: lines(
      '*Mentor, how do you and your peers like to get feedback and recognition?* How often, how specific, written or face to face, public or private?',
      '',
      '• Share one piece of feedback that really helped you, and one that didn’t land.',
      '• Then a quick role-play: the mentee gives the mentor feedback on something small and real, and the mentor says how it felt to receive.',
      '• Swap roles if there’s time.',
    ),
    tryThis: 'Mentee: give one person on your team specific praise this week, within a day of what they did.',
  },
  {
    id: 'workplace-careers-not-ladders',
    kind: 'conversation',
    topic: 'modern-workplace',
    title: 'Careers that don’t look like ladders',
    body: lines(
      '*Mentor, talk about how you picture your career*: side projects, changing roles or sectors, learning online, what promotion means to you, and what “success” looks like in five years.',
      '',
      '• Mentee, ask about the choices behind it: what pulled them one way or the other, and who they talk to before deciding.',
      '• Keep the last five minutes to compare: what has changed since the mentee started out, and what’s stayed the same?',
    ),
  },
  {
    id: 'workplace-wellbeing-and-boundaries',
    kind: 'conversation',
    topic: 'modern-workplace',
    title: 'Wellbeing, workload and switching off',
    body: lines(
      '*An honest half hour about workload.*',
      '',
      '• Mentor, what does a healthy week look like for you? How do you switch off, and what makes that hard?',
      '• What do people notice about how leaders work? Late-night emails, never taking leave, answering on holiday: what message does it send, intended or not?',
      '• Mentee, name one signal you might be sending that you’d like to change, and ask your mentor how it would land if you did.',
    ),
  },
];

const LEADERSHIP_PERSPECTIVES: readonly Prompt[] = [
  {
    id: 'leadership-decision-from-below',
    kind: 'conversation',
    topic: 'leadership-perspectives',
    title: 'How a decision looked from further down',
    body: lines(
      '*Mentee, pick a recent decision you made or were part of* that people across the organisation would have heard about.',
      '',
      '• Mentor, describe how it reached you: when, through whom, what was actually said, and what rumours filled the gaps.',
      '• Mentee, note anything you wish you’d known at the time, and ask what would have helped the decision land better.',
      '• Together, write the two sentences you wish had gone out on day one.',
    ),
  },
  {
    id: 'leadership-all-hands-review',
    kind: 'conversation',
    topic: 'leadership-perspectives',
    title: 'Review the last all-hands together',
    body: lines(
      '*Rewatch or reread a recent leadership update* (town hall, all-staff email, strategy slide) for ten minutes.',
      '',
      '• Mentor, give your honest reactions as you go: what landed, what was jargon, where you tuned out, what you were left wondering.',
      '• Mentee, ask what people said about it afterwards, in channels and at lunch.',
      '• Rewrite the main message together in two plain sentences.',
    ),
    tryThis: 'Mentee: test your two sentences on someone outside your team.',
  },
  {
    id: 'leadership-what-makes-you-approachable',
    kind: 'conversation',
    topic: 'leadership-perspectives',
    title: 'What makes a leader easy to approach',
    body: lines(
      '*Mentor, think of a leader you found easy to approach, and one you didn’t.* No names needed. What did each of them do, often in small ways?',
      '',
      '• Mentee, ask how you come across, and be ready for an honest answer: it takes courage to give one.',
      '• Pick one small habit to try, like walking the floor, an open slot in your diary or replying to questions in public channels.',
    ),
  },
  {
    id: 'leadership-calendar-swap',
    kind: 'conversation',
    topic: 'leadership-perspectives',
    title: 'Swap calendars for a week in each other’s shoes',
    body: lines(
      '*Each of you shows the other your calendar for this week* (hide anything private).',
      '',
      '• Walk through what fills your days and what you wish it didn’t.',
      '• Mentor, what did you imagine a leader’s week looked like, and what surprises you? Mentee, what surprises you about the mentor’s week?',
      '• This one runs both ways: each of you should learn something about the other’s job.',
    ),
  },
  {
    id: 'leadership-bring-a-dilemma',
    kind: 'conversation',
    topic: 'leadership-perspectives',
    title: 'Bring a live leadership dilemma',
    body: lines(
      '*Mentee, bring a real question you’re wrestling with* that isn’t confidential, such as how to introduce a change, how to share difficult news, or how to get honest input.',
      '',
      '• Mentor, say how people at your level would likely react, and what they would want to hear, and from whom.',
      '• Mentee, the value today is the view from where your mentor sits, so give just enough background for them to react to.',
      '• Finish with one thing you’ll do differently because of this conversation.',
    ),
  },
];

// ---------------------------------------------------------------------------------------------
// General prompts: for pairs without shared catalogue topics, or with custom topics.
// Those with `{topic|…}` name the pair's custom topic when there is one.
// ---------------------------------------------------------------------------------------------

const GENERAL: readonly Prompt[] = [
  {
    id: 'general-show-me-how',
    kind: 'conversation',
    topic: 'general',
    title: 'Show me how you do it',
    body: lines(
      '*Mentor, pick {topic|a tool or habit you use every day that the mentee probably doesn’t}* and show it in action.',
      '',
      '• Start with a real example from your own work, not a tidy demo.',
      '• After ten minutes, hand over: the mentee does it while you guide without grabbing the mouse.',
      '• Mentee, say out loud whatever feels clumsy or confusing; that’s where the learning is.',
    ),
    tryThis: 'Mentee: use it once on your own before you next meet.',
  },
  {
    id: 'general-beginner-mistakes',
    kind: 'conversation',
    topic: 'general',
    title: 'The mistakes beginners make',
    body: lines(
      '*Mentor, what do newcomers to {topic|the thing you know best} usually get wrong?* Think of the mistakes you made yourself, or watched friends make.',
      '',
      '• Walk through three of them, and how you’d spot each one.',
      '• Mentee, admit which ones you’ve already made. It helps your mentor pitch the next sessions at the right level.',
      '• Agree on one mistake to avoid this week.',
    ),
  },
  {
    id: 'general-explain-it-back',
    kind: 'conversation',
    topic: 'general',
    title: 'Explain it to me, then I explain it back',
    body: lines(
      '*Mentor, explain {topic|something you understand far better than the mentee} in five minutes*, with no jargon and as if to a clever friend who has never heard of it.',
      '',
      '• Mentee, then explain it back in your own words. Mentor, correct anything that got lost.',
      '• Repeat with a harder part of it.',
      '• Finish by talking about how each of you learns best: watching, reading, doing, or asking lots of questions.',
    ),
  },
  {
    id: 'general-where-it-is-heading',
    kind: 'conversation',
    topic: 'general',
    title: 'Where is this heading?',
    body: lines(
      '*Look a year or two ahead at {topic|something that’s changing quickly in your mentor’s world}.*',
      '',
      '• Mentor, what’s changing, what’s hype, and what would you put money on?',
      '• What would people your age expect an organisation like yours to be doing about it already?',
      '• Mentee, note one thing worth keeping an eye on and who in your organisation should hear about it.',
    ),
  },
  {
    id: 'general-apply-it-to-my-week',
    kind: 'conversation',
    topic: 'general',
    title: 'Apply it to something on the mentee’s desk',
    body: lines(
      '*Mentee, bring a real task or problem from your week.*',
      '',
      '• Together, work out how {topic|what your mentor knows} could help: a quicker way to do it, a different angle, a tool, the people to ask.',
      '• Mentor, lead. Mentee, let yourself be the beginner for half an hour.',
      '• Make a start on it there and then instead of just talking about it.',
    ),
    tryThis: 'Mentee: finish the task the new way and report back here.',
  },
  {
    id: 'general-go-to-sources',
    kind: 'conversation',
    topic: 'general',
    title: 'Where the mentor learns what they know',
    body: lines(
      '*Mentor, where do you keep up with {topic|the things you know well}?* People you follow, newsletters, communities, podcasts, videos, group chats.',
      '',
      '• Show a few of them and say why you trust each one.',
      '• Mentee, share where you get your own news and ideas. Notice how different the two lists are.',
      '• Before you hang up, the mentee subscribes to or follows one of the mentor’s sources.',
    ),
  },
  {
    id: 'general-assumption-swap',
    kind: 'conversation',
    topic: 'general',
    title: 'Swap an assumption and test it',
    body: lines(
      '*Each of you names one assumption you hold about the other’s world*, for example “leaders don’t read long messages” or “junior people don’t want more responsibility”.',
      '',
      '• Take turns testing them: ask, give examples, push back gently.',
      '• Which assumption survived, and which didn’t?',
      '• Talk about where else in the organisation the same assumption might be quietly shaping decisions.',
    ),
  },
  {
    id: 'general-questions-saved-up',
    kind: 'conversation',
    topic: 'general',
    title: 'Questions the mentee has been saving up',
    body: lines(
      '*Mentee, bring three questions you’d feel a bit awkward asking in a meeting*: a term everyone uses, an app you’ve never opened, a trend you don’t get.',
      '',
      '• Mentor, answer them one at a time, showing rather than telling where you can.',
      '• Then flip it: mentor, ask one question you’ve always wanted to put to a senior leader, such as how decisions really get made.',
      '• Both of you: there are no silly questions in this DM.',
    ),
  },
  {
    id: 'general-what-we-get-wrong',
    kind: 'conversation',
    topic: 'general',
    title: 'What does our organisation get wrong?',
    body: lines(
      '*Mentor, name one thing the organisation does that puzzles or frustrates people at your level.* It can be a process, a habit, a tool or a message.',
      '',
      '• Mentee, ask questions until you could describe the frustration in your mentor’s own words.',
      '• Then talk about what a small improvement could look like, and who would need to hear about it.',
      '• Remember your agreement: this stays between you two unless you both decide otherwise.',
    ),
  },
  {
    id: 'general-how-is-this-going',
    kind: 'conversation',
    topic: 'general',
    title: 'How are these conversations going?',
    body: lines(
      '*Take stock of your sessions so far.*',
      '',
      '• Is the balance right? Is the mentor leading, and is the mentee doing as well as hearing?',
      '• What was the most useful half hour so far, and why? What has felt flat?',
      '• Is the mentor learning something too? If not, what would change that?',
      '• Agree one change for your remaining sessions, even a small one like where you meet.',
    ),
  },
  {
    id: 'general-mentee-teaches-back',
    kind: 'conversation',
    topic: 'general',
    title: 'The mentee teaches it back',
    body: lines(
      '*Mentee, pick something you picked up in one of your conversations so far* (or at the kick-off, if it’s early days) and teach it to your mentor as if they were new to it.',
      '',
      '• Mentor, play the curious beginner and ask the awkward questions.',
      '• Where the explanation wobbles, that’s your agenda for the rest of the half hour.',
      '• Finish by agreeing what the mentee wants to get better at next.',
    ),
  },
  {
    id: 'general-through-customers-eyes',
    kind: 'conversation',
    topic: 'general',
    title: 'See the organisation as a younger customer does',
    body: lines(
      '*Mentor, imagine describing your organisation to your friends.* What would they already know about it, and what would they assume?',
      '',
      '• Where would they come across it: an app, a shop, a video, a news story, a friend’s opinion?',
      '• What would make them choose it, recommend it or avoid it?',
      '• Mentee, write down the phrases your mentor uses. They may be worth more than a survey.',
    ),
  },
];

// ---------------------------------------------------------------------------------------------
// Reflection questions, posted after the conversation
// ---------------------------------------------------------------------------------------------

const mentee = (id: string, text: string): ReflectionQuestion => ({ id, audience: 'mentee', text });
const mentor = (id: string, text: string): ReflectionQuestion => ({ id, audience: 'mentor', text });

/** For the senior partner, to think about after each conversation. */
export const MENTEE_REFLECTIONS: readonly ReflectionQuestion[] = [
  mentee('reflect-mentee-surprise', 'What surprised you most in today’s conversation?'),
  mentee(
    'reflect-mentee-revised-assumption',
    'Which assumption did you walk in with that you would now adjust?',
  ),
  mentee(
    'reflect-mentee-try-this-week',
    'What is one small thing you will try this week because of what you heard?',
  ),
  mentee(
    'reflect-mentee-urge-to-advise',
    'What did your mentor notice that you would have missed on your own?',
  ),
  mentee(
    'reflect-mentee-cannot-explain-yet',
    'What did your mentor explain today that you could not yet explain to someone else?',
  ),
  mentee(
    'reflect-mentee-who-else-to-ask',
    'Who in your own team might see today’s topic differently, and when did you last ask them?',
  ),
  mentee('reflect-mentee-discomfort', 'What felt uncomfortable today, and what might that be telling you?'),
  mentee('reflect-mentee-question-not-asked', 'What question do you wish you had asked?'),
  mentee(
    'reflect-mentee-habit-seen-anew',
    'Which of your habits looked different through your mentor’s eyes?',
  ),
  mentee(
    'reflect-mentee-how-decisions-land',
    'What did you learn about how your decisions land with people further from the top?',
  ),
  mentee(
    'reflect-mentee-dismissed-trend',
    'What have you written off as a passing fad that might deserve a second look?',
  ),
  mentee(
    'reflect-mentee-making-honesty-easy',
    'How did you make it easier, or harder, for your mentor to be frank with you?',
  ),
  mentee(
    'reflect-mentee-mentor-as-person',
    'What did you learn about your mentor as a person, beyond what they know?',
  ),
  mentee(
    'reflect-mentee-upcoming-meeting',
    'Which meeting in your diary this week could use something from today?',
  ),
  mentee('reflect-mentee-unlearn', 'What might you need to unlearn to get better at this?'),
  mentee('reflect-mentee-before-next-time', 'What do you want to find out before your next conversation?'),
  mentee(
    'reflect-mentee-experience-added',
    'Where did your own experience add something to the conversation?',
  ),
  mentee(
    'reflect-mentee-customer-expectations',
    'What does today suggest about what younger customers or colleagues expect from you?',
  ),
  mentee(
    'reflect-mentee-teach-a-peer',
    'If you had to pass one idea from today on to a peer, which would it be?',
  ),
  mentee(
    'reflect-mentee-reaction-to-disagreement',
    'How did you react inside when your mentor saw something differently from you?',
  ),
  mentee(
    'reflect-mentee-phrases-that-differ',
    'Which of your everyday phrases or shortcuts might mean something else to your mentor’s generation?',
  ),
  mentee(
    'reflect-mentee-decision-on-desk',
    'Is there a decision in front of you right now that today’s conversation could change?',
  ),
  mentee('reflect-mentee-listening-score', 'What would make your next conversation even more useful to you?'),
  mentee(
    'reflect-mentee-did-not-just-watch',
    'What did you try with your own hands today, rather than watch, and how did it feel?',
  ),
  mentee('reflect-mentee-stop-doing', 'Based on what you heard, what could your organisation stop doing?'),
  mentee(
    'reflect-mentee-missing-voice',
    'Whose voice is usually missing when decisions about this get made?',
  ),
  mentee(
    'reflect-mentee-thank-the-teacher',
    'What did your mentor do well as a teacher that you could tell them about?',
  ),
  mentee('reflect-mentee-push-harder', 'Where would you like your mentor to challenge you more?'),
  mentee(
    'reflect-mentee-two-way',
    'What did your mentor seem to learn from you today, and was that the right balance?',
  ),
  mentee(
    'reflect-mentee-changed-opinion',
    'Did anything today change your opinion, even slightly? What exactly?',
  ),
];

/** Optional prompts for the mentor, offered every other conversation. */
export const MENTOR_REFLECTIONS: readonly ReflectionQuestion[] = [
  mentor('reflect-mentor-explain-differently', 'What would you explain differently next time?'),
  mentor('reflect-mentor-how-leaders-decide', 'What did you learn about how decisions get made higher up?'),
  mentor('reflect-mentor-mentee-surprise', 'What surprised you about your mentee today?'),
  mentor('reflect-mentor-felt-honest', 'Did you feel able to be honest today? What would make it easier?'),
  mentor('reflect-mentor-taken-for-granted', 'What do you know that you had assumed “everyone knows”?'),
  mentor('reflect-mentor-questions-reveal', 'What did your mentee’s questions tell you about their world?'),
  mentor('reflect-mentor-go-deeper', 'Which part of today would you like to go deeper on next time?'),
  mentor(
    'reflect-mentor-learned-from-mentee',
    'What did you pick up from your mentee’s experience, even when they were not trying to teach?',
  ),
  mentor(
    'reflect-mentor-leading-felt',
    'How did it feel to lead the conversation, and what would you change?',
  ),
  mentor('reflect-mentor-use-in-own-work', 'What from today could you use in your own work or career?'),
  mentor('reflect-mentor-mentee-homework', 'What would you like your mentee to try before you next meet?'),
  mentor('reflect-mentor-held-back', 'Where did you hold back, and is it worth raising next time?'),
];

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/** Every catalogue-topic prompt, in catalogue order. */
export const TOPIC_PROMPTS: readonly Prompt[] = [
  ...AI_TOOLS,
  ...SOCIAL_MEDIA,
  ...COLLABORATION_TOOLS,
  ...DATA_ANALYTICS,
  ...DIGITAL_MARKETING,
  ...DIVERSITY_INCLUSION,
  ...MODERN_WORKPLACE,
  ...LEADERSHIP_PERSPECTIVES,
];

export const GENERAL_PROMPTS: readonly Prompt[] = GENERAL;

/** Every prompt that can fill a middle week: topic prompts and general prompts. */
export const CONVERSATION_PROMPTS: readonly Prompt[] = [...TOPIC_PROMPTS, ...GENERAL_PROMPTS];

export const STRUCTURAL_PROMPTS: readonly Prompt[] = [KICKOFF_PROMPT, SINGLE_SESSION_PROMPT, WRAP_UP_PROMPT];

export const ALL_PROMPTS: readonly Prompt[] = [...STRUCTURAL_PROMPTS, ...CONVERSATION_PROMPTS];

export const ALL_REFLECTIONS: readonly ReflectionQuestion[] = [...MENTEE_REFLECTIONS, ...MENTOR_REFLECTIONS];

const PROMPTS_BY_ID: ReadonlyMap<string, Prompt> = new Map(ALL_PROMPTS.map((p) => [p.id, p]));
const REFLECTIONS_BY_ID: ReadonlyMap<string, ReflectionQuestion> = new Map(
  ALL_REFLECTIONS.map((q) => [q.id, q]),
);

export function findPrompt(id: string): Prompt | undefined {
  return PROMPTS_BY_ID.get(id);
}

export function findReflection(id: string): ReflectionQuestion | undefined {
  return REFLECTIONS_BY_ID.get(id);
}

/** Conversation prompts for one topic ('general' included), in library order. */
export function promptsForTopic(topic: PromptTopic): Prompt[] {
  return CONVERSATION_PROMPTS.filter((p) => p.topic === topic);
}

/** Ordered list of the topics a prompt can belong to: the catalogue, then 'general'. */
export const PROMPT_TOPICS: readonly PromptTopic[] = [...CATALOGUE_TOPICS.map((t) => t.id), 'general'];
