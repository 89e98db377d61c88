/** A start-up failure with a message meant for the person starting the bot (no stack trace). */
export class StartupError extends Error {
  override name = 'StartupError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
