/** The CLI's two refusals, told apart by how cli.ts prints them. */

/** A command line the CLI cannot read: printed with the usage text. */
export class UsageError extends Error {}

/** A refusal that says what to do; printed without the usage text. */
export class CliError extends Error {}
