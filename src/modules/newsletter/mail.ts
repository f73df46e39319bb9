/**
 * The newsletter as a message: plain text as written, and a simple, accessible HTML rendering of it
 * (blank lines separate paragraphs; lines starting with "# " or "## " are headings, "- " list
 * items). Everything is escaped: the body is text, never markup. Sending goes through the SMTP server
 * of the configuration, one message per subscriber so that nobody sees another's address.
 */
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { SmtpConfig } from '../../config.js';

export interface IssueContent {
  title: string;
  period: string;
  body: string;
}

const FOOTER_TEXT =
  'U ontvangt deze nieuwsbrief over trends en actualiteiten rond radicalisering en polarisatie als partner of ' +
  'professional in het district. Wilt u hem niet meer ontvangen? Beantwoord dan dit bericht.';

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function periodLabel(period: string): string {
  const [year, half] = period.split('-');
  return `${half === '1' ? 'Voorjaar' : 'Najaar'} ${year}`;
}

function bodyHtml(body: string): string {
  const blocks = body.replaceAll('\r\n', '\n').split(/\n\s*\n/);
  return blocks
    .map((block) => {
      const lines = block.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0) return '';
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        return `<ul>${lines.map((l) => `<li>${escapeHtml(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
      }
      const first = lines[0] as string;
      if (lines.length === 1 && /^## /.test(first)) return `<h3>${escapeHtml(first.slice(3))}</h3>`;
      if (lines.length === 1 && /^# /.test(first)) return `<h2>${escapeHtml(first.slice(2))}</h2>`;
      return `<p>${lines.map(escapeHtml).join('<br>\n')}</p>`;
    })
    .filter(Boolean)
    .join('\n');
}

export function renderIssue(issue: IssueContent): { subject: string; text: string; html: string } {
  const subject = `${issue.title} (${periodLabel(issue.period)})`;
  const text = `${issue.title}\n${periodLabel(issue.period)}\n\n${issue.body.trim()}\n\n--\n${FOOTER_TEXT}\n`;
  const html = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="font-family: Arial, Helvetica, sans-serif; line-height: 1.5; max-width: 40em; margin: 0 auto; padding: 1em; color: #1a1a1a;">
<h1>${escapeHtml(issue.title)}</h1>
<p><strong>${escapeHtml(periodLabel(issue.period))}</strong></p>
${bodyHtml(issue.body)}
<hr>
<p><small>${escapeHtml(FOOTER_TEXT)}</small></p>
</body>
</html>
`;
  return { subject, text, html };
}

/** The issue as an .eml file (RFC 5322) without recipients, marked unsent so mail programs open it as a draft. */
export async function issueAsEml(issue: IssueContent, from: string): Promise<Buffer> {
  const { subject, text, html } = renderIssue(issue);
  return new MailComposer({ from, subject, text, html, headers: { 'X-Unsent': '1' } }).compile().build();
}

export interface Mailer {
  send(message: { to: string; subject: string; text: string; html: string }): Promise<{ messageId: string }>;
  close(): void;
}

export function smtpMailer(config: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user && config.password ? { auth: { user: config.user, pass: config.password } } : {}),
    pool: true,
    maxConnections: 2,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...message });
      return { messageId: String(info.messageId ?? '') };
    },
    close: () => transport.close(),
  };
}
