/**
 * `GET /privacy`: the privacy notice, German by default, English with `?lang=en` (or an English Accept-Language),
 * made from the configuration (controller, contact, legal basis, retention days). With PRIVACY_URL set it redirects
 * to the operator's own notice.
 */
import type { Request, Response, Server } from 'restify';
import type { Config } from '../../config.js';
import type { Language } from '../../knowledge/schema.js';
import { privacyNotice } from '../../texts.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only this page's own inline style; nothing is loaded from anywhere. */
export const PRIVACY_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

export function privacyPage(config: Config, lang: Language): string {
  const notice = privacyNotice[lang]({
    controller: config.PRIVACY_CONTROLLER,
    contact: config.PRIVACY_CONTACT,
    legalBasis: config.PRIVACY_LEGAL_BASIS,
    conversationDays: config.CONVERSATION_RETENTION_DAYS,
    ticketDays: config.TICKET_RETENTION_DAYS,
    questionLogDays: config.QUESTION_LOG_RETENTION_DAYS,
    auditDays: config.AUDIT_LOG_RETENTION_DAYS,
  });
  const other = lang === 'de' ? 'en' : 'de';
  const sections = notice.sections
    .map((section) => `<h2>${escape(section.heading)}</h2>\n${section.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(notice.title)}</title>
<style>body{max-width:46rem;margin:2rem auto;padding:0 1rem;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b2733}h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:1.8rem}a{color:#12436b}</style>
</head>
<body>
<p><a href="/privacy?lang=${other}" hreflang="${other}" lang="${other}">${escape(notice.otherLanguage)}</a></p>
<h1>${escape(notice.title)}</h1>
${sections}
</body>
</html>
`;
}

export function privacyRoutes(config: Config) {
  return (server: Server): void => {
    const handler = async (req: Request, res: Response) => {
      if (config.PRIVACY_URL) {
        res.redirect(302, config.PRIVACY_URL, () => undefined);
        return;
      }
      const query = (req.query ?? {}) as Record<string, unknown>;
      const lang: Language =
        query.lang === 'en' || query.lang === 'de' ? query.lang : /^en\b/i.test(req.header('accept-language') ?? '') ? 'en' : 'de';
      const body = privacyPage(config, lang);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-language': lang,
        'x-content-type-options': 'nosniff',
        'content-security-policy': PRIVACY_PAGE_CSP,
        'referrer-policy': 'no-referrer',
      });
      res.end(body);
    };
    server.get('/privacy', handler);
    server.head('/privacy', handler);
  };
}
