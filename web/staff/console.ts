/**
 * The staff console (GET /staff, also the Teams staff tab): queued and active tickets live, the conversation,
 * and the actions claim, write to the user, back to the bot, resolve with a note.
 *
 * Everything users wrote is put into the page with `textContent`, never as HTML.
 */
import { texts } from '../../src/texts.js';
import { ApiError, createApi, type StaffApi } from './api.js';
import { forgetToken, rememberToken, storedTokenSession, teamsSession, tokenSession, type Session } from './auth.js';
import { openStates, type StaffMember, type TicketDetail, type TicketSummary, type TranscriptEntry } from './types.js';

const lang = (navigator.language || 'de').toLowerCase().startsWith('en') ? 'en' : 'de';
const handoffTexts = texts(lang).handoff;
const t = handoffTexts.console;

/** Pause before reconnecting the live stream. */
const RECONNECT_MS = 2000;

const state: {
  api?: StaffApi;
  session?: Session;
  me?: StaffMember;
  tickets: Map<number, TicketSummary>;
  selected?: number;
  detail?: TicketDetail;
  stream?: AbortController;
} = { tickets: new Map() };

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** A new element whose text is set as text: the one way this page shows data. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setText(id: string, text: string): void {
  byId(id).textContent = text;
}

function applyTexts(): void {
  document.documentElement.lang = lang;
  document.title = t.title;
  setText('title', t.title);
  setText('login-heading', t.loginHeading);
  setText('login-hint', t.loginHint);
  setText('token-label', t.tokenLabel);
  setText('login-button', t.login);
  setText('logout', t.logout);
  setText('queued-heading', t.queued);
  setText('active-heading', t.active);
  setText('empty', t.empty);
  setText('placeholder', t.select);
  setText('claim', handoffTexts.claim);
  setText('return', handoffTexts.returnToBot);
  setText('resolve', handoffTexts.resolve);
  setText('note-label', t.note);
  setText('transcript-heading', t.transcript);
  setText('message-label', t.message);
  setText('send', t.send);
  setText('history-heading', t.history);
  setText('export-data', t.exportData);
  setText('delete-data', t.deleteData);
}

function applyTheme(theme: string): void {
  document.body.classList.toggle('theme-dark', theme === 'dark');
  document.body.classList.toggle('theme-contrast', theme === 'contrast');
}

function setConnection(text: string): void {
  setText('connection', text);
}

function time(iso: string): string {
  return new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

function waitedMinutes(ticket: TicketSummary): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(ticket.createdAt)) / 60_000));
}

// ——— sign-in ———

function showLogin(error = ''): void {
  byId('workspace').hidden = true;
  byId('logout').hidden = true;
  byId('login').hidden = false;
  setText('login-error', error);
  byId<HTMLInputElement>('token').focus();
}

async function signIn(session: Session): Promise<boolean> {
  const api = createApi(session);
  try {
    state.me = await api.get<StaffMember>('/api/staff/me');
  } catch (error) {
    if (session.mode === 'token') forgetToken();
    showLogin(error instanceof ApiError && error.status === 401 ? t.loginFailed : t.failed(String((error as Error).message)));
    return false;
  }
  state.api = api;
  state.session = session;
  byId('login').hidden = true;
  byId('workspace').hidden = false;
  byId('logout').hidden = session.mode !== 'token';
  setText('me', t.signedInAs(state.me.name));
  void followEvents(api);
  return true;
}

function signOut(): void {
  forgetToken();
  state.stream?.abort();
  state.api = undefined;
  state.tickets.clear();
  state.selected = undefined;
  state.detail = undefined;
  setText('me', '');
  setConnection('');
  showLogin();
}

// ——— live updates ———

async function followEvents(api: StaffApi): Promise<void> {
  while (state.api === api) {
    const controller = new AbortController();
    state.stream = controller;
    try {
      await api.events(onEvent, controller.signal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        signOut();
        return;
      }
    }
    if (controller.signal.aborted || state.api !== api) return;
    setConnection(t.offline);
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
  }
}

function onEvent(name: string, data: unknown): void {
  if (name === 'snapshot') {
    state.tickets = new Map((data as { tickets: TicketSummary[] }).tickets.map((ticket) => [ticket.id, ticket]));
    setConnection(t.live);
    renderList();
    if (state.selected !== undefined) void loadDetail(state.selected);
  } else if (name === 'ticket') {
    const ticket = data as TicketSummary;
    if (openStates.includes(ticket.state)) state.tickets.set(ticket.id, ticket);
    else state.tickets.delete(ticket.id);
    renderList();
    if (state.selected === ticket.id) void loadDetail(ticket.id);
  } else if (name === 'message') {
    const { ticketId, entry } = data as { ticketId: number; entry: TranscriptEntry };
    if (state.detail?.id === ticketId) addTranscriptEntry(entry);
  }
}

// ——— list ———

function renderList(): void {
  for (const listState of ['queued', 'active'] as const) {
    const list = byId<HTMLUListElement>(listState);
    list.replaceChildren(
      ...[...state.tickets.values()]
        .filter((ticket) => ticket.state === listState)
        .map((ticket) => {
          const item = element('li');
          const button = element('button');
          button.type = 'button';
          button.dataset.ticketId = String(ticket.id);
          button.setAttribute('aria-current', String(state.selected === ticket.id));
          button.append(
            element('span', 'topic', ticket.topic || handoffTexts.cardTitle(ticket.id)),
            element(
              'span',
              'meta',
              `#${ticket.id} · ${ticket.userName} · ${handoffTexts.channels[ticket.channel] ?? ticket.channel} · ${
                ticket.claimedBy ? ticket.claimedBy.name : handoffTexts.waitingFor(waitedMinutes(ticket))
              }`,
            ),
          );
          button.addEventListener('click', () => void select(ticket.id));
          item.append(button);
          return item;
        }),
    );
  }
  byId('empty').hidden = state.tickets.size > 0;
}

// ——— detail ———

async function select(id: number): Promise<void> {
  state.selected = id;
  renderList();
  await loadDetail(id);
}

async function loadDetail(id: number): Promise<void> {
  if (!state.api) return;
  try {
    const detail = await state.api.get<TicketDetail>(`/api/staff/tickets/${id}`);
    if (state.selected === id) renderDetail(detail);
  } catch (error) {
    setText('action-error', t.failed((error as Error).message));
  }
}

function fact(list: HTMLElement, title: string, value: string): void {
  list.append(element('dt', undefined, title), element('dd', undefined, value));
}

function renderDetail(detail: TicketDetail): void {
  state.detail = detail;
  byId('placeholder').hidden = true;
  byId('ticket').hidden = false;
  setText('ticket-title', handoffTexts.cardTitle(detail.id));
  const facts = byId('ticket-facts');
  facts.replaceChildren();
  fact(facts, handoffTexts.fieldTopic, detail.topic || '—');
  fact(facts, handoffTexts.fieldUser, detail.userName);
  fact(facts, handoffTexts.fieldState, handoffTexts.states[detail.state]);
  if (detail.claimedBy) fact(facts, handoffTexts.fieldClaimedBy, detail.claimedBy.name);
  fact(facts, handoffTexts.fieldReason, handoffTexts.reasons[detail.reason]);
  fact(facts, handoffTexts.fieldChannel, handoffTexts.channels[detail.channel] ?? detail.channel);
  if (detail.providers.length > 0) fact(facts, handoffTexts.fieldProviders, detail.providers.map((p) => p.name).join(', '));
  if (openStates.includes(detail.state)) fact(facts, handoffTexts.fieldWaiting, handoffTexts.waitingFor(waitedMinutes(detail)));

  const open = openStates.includes(detail.state);
  byId<HTMLButtonElement>('claim').hidden = detail.state !== 'queued';
  byId<HTMLButtonElement>('return').hidden = !open;
  byId<HTMLButtonElement>('resolve').hidden = !open;
  byId('note').hidden = !open;
  byId('note-label').hidden = !open;
  byId('compose').hidden = !(detail.state === 'active' && detail.claimedBy?.id === state.me?.id);

  byId('transcript').replaceChildren();
  for (const entry of detail.transcript) addTranscriptEntry(entry, false);
  byId('history').replaceChildren(
    ...detail.history.map((event) =>
      element(
        'li',
        undefined,
        `${time(event.at)} · ${event.actor.name}: ${t.historyActions[event.action] ?? event.action}${event.note ? ` – ${event.note}` : ''}`,
      ),
    ),
  );
}

function addTranscriptEntry(entry: TranscriptEntry, record = true): void {
  const list = byId('transcript');
  if (list.querySelector(`[data-seq="${entry.seq}"]`)) return;
  if (record && state.detail && !state.detail.transcript.some((e) => e.seq === entry.seq)) state.detail.transcript.push(entry);
  const item = element('li', entry.role);
  item.dataset.seq = String(entry.seq);
  item.append(
    element('span', 'who', `${handoffTexts.roles[entry.role]} · ${entry.author} · ${time(entry.at)}`),
    element('span', 'text', entry.text),
  );
  list.append(item);
  item.scrollIntoView({ block: 'nearest' });
}

async function run(action: () => Promise<void>, button?: HTMLButtonElement): Promise<void> {
  setText('action-error', '');
  if (button) button.disabled = true;
  try {
    await action();
  } catch (error) {
    setText('action-error', t.failed((error as Error).message));
  } finally {
    if (button) button.disabled = false;
  }
}

function ticketAction(action: 'claim' | 'return' | 'resolve'): () => Promise<void> {
  return async () => {
    const id = state.detail?.id;
    if (!state.api || id === undefined) return;
    const note = byId<HTMLInputElement>('note').value.trim();
    const detail = await state.api.post<TicketDetail>(`/api/staff/tickets/${id}/${action}`, action === 'claim' ? {} : note ? { note } : {});
    byId<HTMLInputElement>('note').value = '';
    renderDetail(detail);
  };
}

/** Art. 15: everything stored about the ticket's user, downloaded as a JSON file (the export is audited). */
async function exportData(): Promise<void> {
  const id = state.detail?.id;
  if (!state.api || id === undefined) return;
  const data = await state.api.get<unknown>(`/api/staff/tickets/${id}/export`);
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = element('a');
  link.href = url;
  link.download = `ticket-${id}-export.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Deletes the ticket's user's data after a confirmation (the ticket stays, anonymised; audited). */
async function deleteData(): Promise<void> {
  const id = state.detail?.id;
  if (!state.api || id === undefined || !window.confirm(t.deleteConfirm)) return;
  const result = await state.api.post<{ deleted: Record<string, number> }>(`/api/staff/tickets/${id}/delete`);
  setText('action-error', t.deletedData(Object.values(result.deleted).reduce((sum, n) => sum + n, 0)));
  await loadDetail(id);
}

function wireUp(): void {
  byId('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = byId<HTMLInputElement>('token').value.trim();
    if (!token) return;
    void signIn(tokenSession(token)).then((ok) => {
      if (ok) {
        rememberToken(token);
        byId<HTMLInputElement>('token').value = '';
      }
    });
  });
  byId('logout').addEventListener('click', signOut);
  for (const action of ['claim', 'return', 'resolve'] as const) {
    const button = byId<HTMLButtonElement>(action);
    button.addEventListener('click', () => void run(ticketAction(action), button));
  }
  byId('export-data').addEventListener('click', () => void run(exportData, byId<HTMLButtonElement>('export-data')));
  byId('delete-data').addEventListener('click', () => void run(deleteData, byId<HTMLButtonElement>('delete-data')));
  byId('compose').addEventListener('submit', (event) => {
    event.preventDefault();
    const textarea = byId<HTMLTextAreaElement>('message');
    const text = textarea.value.trim();
    const id = state.detail?.id;
    if (!text || !state.api || id === undefined) return;
    void run(async () => {
      const entry = await state.api!.post<TranscriptEntry>(`/api/staff/tickets/${id}/messages`, { text });
      textarea.value = '';
      addTranscriptEntry(entry);
    }, byId<HTMLButtonElement>('send'));
  });
  // Waiting times grow while the page is open.
  setInterval(renderList, 30_000);
}

async function start(): Promise<void> {
  applyTexts();
  wireUp();
  const session = (await teamsSession(applyTheme)) ?? storedTokenSession();
  if (!session) {
    showLogin();
    return;
  }
  await signIn(session);
}

void start();
