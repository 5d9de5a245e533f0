/*
 * The mail the server delivered in browser tests: it writes each message as
 * target/e2e/mail/<id>.eml (see playwright.config.ts). Read as a mail client reads it: MIME
 * parts, base64 and quoted-printable bodies, RFC 2047 headers.
 */
import fs from 'node:fs';
import path from 'node:path';

export let mailFolder = path.resolve(__dirname, '..', '..', 'target', 'e2e', 'mail');

/** Reads the mail of another server from now on (the cluster's, which writes elsewhere). */
export function useMailFolder(folder: string) {
  mailFolder = folder;
}

export type Mail = { file: string; to: string; subject: string; text: string; html: string };

function decodeQuotedPrintable(data: string): string {
  const soft = data.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': return decodeQuotedPrintable(body);
    default: return body;
  }
}

/** RFC 2047 encoded words (`=?utf-8?b?…?=`), as lettre writes headers that need them. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([bBqQ])\?([^?]*)\?=/g, (_, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')));
}

/** Headers (unfolded, lower-case names) and body of a message or of one MIME part. */
function splitPart(part: string): [Map<string, string>, string] {
  const end = part.search(/\r?\n\r?\n/);
  const head = end < 0 ? part : part.slice(0, end);
  const body = end < 0 ? '' : part.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return [headers, body];
}

export function readMail(file: string): Mail {
  const [headers, body] = splitPart(fs.readFileSync(path.join(mailFolder, file), 'utf8'));
  const mail: Mail = { file, to: headers.get('to') ?? '', subject: decodeHeader(headers.get('subject') ?? ''), text: '', html: '' };
  const boundary = headers.get('content-type')?.match(/boundary="?([^";]+)"?/)?.[1];
  const parts = boundary
    ? body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--'))
    : [`Content-Type: ${headers.get('content-type') ?? 'text/plain'}\r\nContent-Transfer-Encoding: ${headers.get('content-transfer-encoding') ?? '7bit'}\r\n\r\n${body}`];
  for (const part of parts) {
    const [partHeaders, partBody] = splitPart(part.replace(/^\r?\n/, ''));
    const decoded = decodeBody(partBody.replace(/\r?\n$/, ''), partHeaders.get('content-transfer-encoding') ?? '7bit');
    const type = partHeaders.get('content-type') ?? '';
    if (/^text\/html/i.test(type)) mail.html = decoded;
    else if (/^text\/plain/i.test(type)) mail.text = decoded;
  }
  return mail;
}

export function allMail(): Mail[] {
  return fs.existsSync(mailFolder)
    ? fs.readdirSync(mailFolder).filter((f) => f.endsWith('.eml')).sort().map(readMail)
    : [];
}
