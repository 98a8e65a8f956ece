/**
 * The console's "Wissenslücken / Knowledge gaps" view (src/http/routes/curation.ts): the weekly quality chart as an
 * inline SVG (drawn here, nothing loaded from elsewhere), the gap groups with their examples and close entries, and
 * for curators the actions: add as phrasing of an entry, draft a new entry, not our topic, write into the files,
 * reload. Every text from users is set with `textContent`.
 */
import { texts } from '../../src/texts.js';
import type { GapGroup, QualityWeek } from '../../src/curation/gapReportView.js';
import type { StaffApi } from './api.js';

interface KnowledgeInfo {
  status: { version: string; state: string; problems: string[] };
  entries: { id: string; title: string; lang: 'de' | 'en'; status: string }[];
}

const lang = (navigator.language || 'de').toLowerCase().startsWith('en') ? 'en' : 'de';
const t = texts(lang).curation;
const failed = texts(lang).handoff.console.failed;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const day = (iso: string) => new Date(iso).toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB');

function select(id: string, label: string, options: Record<string, string>, value: string): HTMLLabelElement {
  const wrapper = el('label', 'filter', label);
  const box = el('select');
  box.id = id;
  for (const [key, text] of Object.entries(options)) {
    const option = el('option', undefined, text);
    option.value = key;
    option.selected = key === value;
    box.append(option);
  }
  wrapper.append(box);
  return wrapper;
}

const SVG = 'http://www.w3.org/2000/svg';
const series = ['answer', 'didYouMean', 'unknown', 'providers', 'handoff'] as const;
const colours: Record<(typeof series)[number], string> = {
  answer: '#2e7d32',
  didYouMean: '#f9a825',
  unknown: '#c62828',
  providers: '#1565c0',
  handoff: '#6a1b9a',
};

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** Stacked bars per week: the share of each decision among the week's questions; votes under each bar. */
export function qualityChart(weeks: QualityWeek[]): SVGSVGElement {
  const barWidth = 36;
  const gap = 14;
  const height = 140;
  const width = Math.max(1, weeks.length) * (barWidth + gap) + gap;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 44}`, width, height: height + 44, role: 'img', class: 'quality-chart' });
  chart.append(Object.assign(svg('title', {}), { textContent: t.chartTitle }));
  weeks.forEach((week, i) => {
    const x = gap + i * (barWidth + gap);
    let y = height;
    for (const name of series) {
      const value = name === 'handoff' ? week.handoff : week[name];
      if (!week.questions || !value) continue;
      const h = Math.min((value / week.questions) * height, y);
      y -= h;
      const bar = svg('rect', { x, y, width: barWidth, height: h, fill: colours[name], 'data-series': name });
      bar.append(Object.assign(svg('title', {}), { textContent: `${t.chartLegend[name]}: ${value} / ${week.questions}` }));
      chart.append(bar);
    }
    chart.append(Object.assign(svg('text', { x: x + barWidth / 2, y: height + 14, 'text-anchor': 'middle', 'font-size': 10 }), { textContent: week.week.slice(5) }));
    chart.append(
      Object.assign(svg('text', { x: x + barWidth / 2, y: height + 28, 'text-anchor': 'middle', 'font-size': 9 }), { textContent: `+${week.up} −${week.down}` }),
    );
  });
  return chart;
}

function legend(): HTMLElement {
  const list = el('ul', 'legend');
  for (const name of series) {
    const item = el('li');
    const swatch = el('span', 'swatch');
    swatch.style.background = colours[name];
    item.append(swatch, document.createTextNode(t.chartLegend[name]!));
    list.append(item);
  }
  return list;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^\x00-\x7f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 5)
    .join('-') || 'entwurf';

export interface GapsView {
  show(): Promise<void>;
}

/** Builds the view into `root`; `api()` is the signed-in staff API, `curator` whether actions are offered. */
export function createGapsView(root: HTMLElement, api: () => StaffApi | undefined, curator: () => boolean): GapsView {
  const filters = { days: '30', lang: 'all', sort: 'largest' };
  const status = el('p', 'knowledge-status');
  const problems = el('ul', 'problems');
  const message = el('p', 'notice');
  message.setAttribute('role', 'status');
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const chartBox = el('figure', 'chart');
  const list = el('ol', 'gap-list');
  const controls = el('div', 'gap-controls');
  const refresh = el('button', undefined, t.refresh);
  refresh.type = 'button';
  const write = el('button', undefined, t.write);
  write.type = 'button';
  write.id = 'write-changes';
  const reload = el('button', undefined, t.reload);
  reload.type = 'button';
  controls.append(
    select('gaps-period', t.period, t.periods, filters.days),
    select('gaps-lang', t.language, t.languages, filters.lang),
    select('gaps-sort', t.sort, t.sorts, filters.sort),
    refresh,
    write,
    reload,
  );
  root.replaceChildren(el('h2', undefined, t.heading), status, problems, controls, message, error, chartBox, list);

  let entries: KnowledgeInfo['entries'] = [];

  async function act(work: () => Promise<string>): Promise<void> {
    message.textContent = '';
    error.textContent = '';
    try {
      message.textContent = await work();
      await load();
    } catch (e) {
      error.textContent = failed((e as Error).message);
    }
  }

  function groupItem(group: GapGroup): HTMLLIElement {
    const item = el('li', 'gap');
    item.dataset.key = String(group.key);
    item.append(
      el('p', 'gap-head', `${t.asked(group.count)} · ${group.lang.toUpperCase()} · ${t.seen(day(group.firstSeen), day(group.lastSeen))}`),
      el('p', 'gap-why', t.why(group.unanswered, group.hedged, group.downVoted) + Object.entries(group.reasons).map(([r, n]) => ` · ${texts(lang).feedback.reasons[r] ?? r} ${n}×`).join('')),
    );
    const examples = el('ul', 'examples');
    for (const example of group.examples) examples.append(el('li', 'example', example));
    item.append(examples);
    if (group.comments.length) {
      item.append(el('p', 'subtle', t.comments));
      const notes = el('ul', 'comments');
      for (const comment of group.comments) notes.append(el('li', undefined, comment));
      item.append(notes);
    }
    if (group.near.length) {
      item.append(el('p', 'subtle', t.near));
      const near = el('ul', 'near');
      for (const n of group.near) near.append(el('li', undefined, `${n.title} (${n.id}) · ${n.score.toFixed(2)}${n.clicks ? ` · ${t.clicks(n.clicks)}` : ''}`));
      item.append(near);
    }
    if (!curator()) return item;
    const question = group.examples[0]!;
    const actions = el('div', 'gap-actions');
    const label = el('label', 'filter', t.entry);
    const picker = el('select', 'entry-picker');
    const ids = [...group.near.map((n) => n.id), ...entries.filter((e) => e.lang === group.lang).map((e) => e.id)];
    for (const id of [...new Set(ids)]) {
      const entry = entries.find((e) => e.id === id);
      if (!entry) continue;
      const option = el('option', undefined, `${entry.title} (${entry.id})`);
      option.value = entry.id;
      picker.append(option);
    }
    label.append(picker);
    const adopt = el('button', 'primary', t.adopt);
    adopt.type = 'button';
    adopt.addEventListener('click', () =>
      void act(async () => {
        await api()!.post('/api/staff/curation/changes', { action: 'phrasing', entryId: picker.value, question });
        return t.done;
      }),
    );
    const draft = el('button', undefined, t.draft);
    draft.type = 'button';
    draft.addEventListener('click', () =>
      void act(async () => {
        const id = `${slug(question)}-${group.lang}`;
        await api()!.post('/api/staff/curation/changes', { action: 'draft', id, lang: group.lang, title: question, questions: group.examples, body: t.draftBody });
        return t.done;
      }),
    );
    const outOfScope = el('button', undefined, t.notOurTopic);
    outOfScope.type = 'button';
    outOfScope.addEventListener('click', () =>
      void act(async () => {
        await api()!.post('/api/staff/curation/changes', { action: 'outOfScope', lang: group.lang, questions: group.examples });
        return t.done;
      }),
    );
    actions.append(label, adopt, draft, outOfScope);
    item.append(actions);
    return item;
  }

  async function load(): Promise<void> {
    const client = api();
    if (!client) return;
    const query = new URLSearchParams({ sort: filters.sort });
    if (filters.days !== 'all') query.set('days', filters.days);
    if (filters.lang !== 'all') query.set('lang', filters.lang);
    const [gaps, quality, knowledge] = await Promise.all([
      client.get<{ groups: GapGroup[] }>(`/api/staff/gaps?${query}`),
      client.get<{ weeks: QualityWeek[] }>(`/api/staff/quality?${query}`),
      client.get<KnowledgeInfo>('/api/staff/knowledge'),
    ]);
    entries = knowledge.entries;
    status.textContent = t.version(knowledge.status.version, knowledge.status.state);
    problems.replaceChildren(...knowledge.status.problems.map((p) => el('li', undefined, p)));
    chartBox.replaceChildren(el('figcaption', undefined, t.chartTitle), qualityChart(quality.weeks), legend());
    list.replaceChildren(...gaps.groups.map(groupItem));
    if (gaps.groups.length === 0) list.append(el('li', 'subtle', t.noGaps));
    write.hidden = !curator();
    reload.hidden = !curator();
  }

  for (const [id, key] of [
    ['gaps-period', 'days'],
    ['gaps-lang', 'lang'],
    ['gaps-sort', 'sort'],
  ] as const) {
    root.querySelector<HTMLSelectElement>(`#${id}`)!.addEventListener('change', (event) => {
      filters[key] = (event.target as HTMLSelectElement).value;
      void act(async () => '');
    });
  }
  refresh.addEventListener('click', () => void act(async () => ''));
  write.addEventListener('click', () =>
    void act(async () => t.written((await api()!.post<{ files: string[] }>('/api/staff/curation/write')).files)),
  );
  reload.addEventListener('click', () =>
    void act(async () => {
      // A folder with problems answers 409; the problems then show above the list.
      await api()!.post('/api/admin/reload').catch(() => undefined);
      return '';
    }),
  );

  return { show: () => act(async () => '') };
}
