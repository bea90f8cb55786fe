// A real SMTP server on loopback for the browser tests (nodemailer's smtp-server, from npm): it
// accepts every message the Pamong server under test sends and writes it, as received, to
// `.e2e-mail/` (one .eml file each), where specs read and parse it (tests/mail.ts).
import { SMTPServer } from "smtp-server";
import { mkdirSync, writeFileSync } from "node:fs";

const port = Number(process.env.PAMONG_E2E_SMTP_PORT ?? 3125);
const dir = process.env.PAMONG_E2E_MAIL_DIR ?? ".e2e-mail";
mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      count += 1;
      const name = `${Date.now()}-${String(count).padStart(6, "0")}.eml`;
      writeFileSync(`${dir}/${name}`, Buffer.concat(chunks));
      callback();
    });
  },
});
server.listen(port, "127.0.0.1", () => console.log(`SMTP sink on 127.0.0.1:${port}, writing to ${dir}`));
