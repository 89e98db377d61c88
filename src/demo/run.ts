/** Placeholder until the demo lands (issue 6). */
export async function runDemo(_args: string[]): Promise<void> {
  process.stdout.write('The demo is not built yet.\n');
}
