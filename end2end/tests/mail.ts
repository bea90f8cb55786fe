// The e-mail the server under test sent, as the loopback SMTP sink (smtp-sink.mjs) wrote it.
import { expect } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { simpleParser } from "mailparser";

const dir = process.env.PAMONG_E2E_MAIL_DIR ?? ".e2e-mail";

/** One received message: recipient, subject and text part. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

async function received(): Promise<Mail[]> {
  const files = readdirSync(dir).filter((name) => name.endsWith(".eml")).sort();
  const mails: Mail[] = [];
  for (const name of files) {
    const parsed = await simpleParser(readFileSync(`${dir}/${name}`));
    const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
    mails.push({ to: to ?? "", subject: parsed.subject ?? "", text: parsed.text ?? "" });
  }
  return mails;
}

/** The newest message to `address` whose text matches `pattern`, waiting up to 30 s for it. */
export async function mailTo(address: string, pattern: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await received()).reverse().find((m) => m.to.includes(address) && pattern.test(m.text));
        return found !== undefined;
      },
      { timeout: 30_000, message: `a message to ${address} matching ${pattern}` },
    )
    .toBe(true);
  return found!;
}
