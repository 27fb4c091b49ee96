/* The ledger's web page: plain DOM, no framework, no build step. Routes are query strings
   (/?crc=west-yorkshire&type=..., /?provider=..., /?entry=<id>) so every view is a permalink. */
'use strict';

const TOKEN_KEY = 'ledger.token';
const TYPE_NAMES = {
    'contract-award': 'Contract award',
    'contract-end': 'Contract end',
    'contract-term-change': 'Contract term change',
    'job-cut-announcement': 'Job-cut announcement',
    'inspection-finding': 'Inspection finding',
    'incident-report': 'Incident report'
};
const SOURCE_FIELDS = [
    {name: 'sources[0].title', label: 'Source title', required: true},
    {name: 'sources[0].url', label: 'Source URL', type: 'url'},
    {name: 'sources[0].documentReference', label: 'Source document reference (when there is no URL)'},
    {name: 'sources[0].publisher', label: 'Source publisher'},
    {name: 'sources[0].publishedOn', label: 'Source published on', type: 'date'}
];
/* The fields of each recording endpoint's body, named as the API names them (so its errors find them). */
const RECORD_FORMS = {
    'job-cut-announcements': [
        {name: 'providerId', label: 'Provider', type: 'provider', required: true},
        {name: 'announcedOn', label: 'Announced on', type: 'date', required: true},
        {name: 'crcs', label: 'CRC ids affected (comma-separated)', type: 'crcObjects', required: true},
        {name: 'totalPosts', label: 'Total posts cut', type: 'number'},
        {name: 'percentage', label: 'Share of staff cut (%)', type: 'number'},
        {name: 'description', label: 'Description', type: 'textarea', required: true}
    ],
    'contract-awards': [
        {name: 'crcId', label: 'CRC', type: 'crc', required: true},
        {name: 'providerId', label: 'Provider', type: 'provider', required: true},
        {name: 'signedOn', label: 'Signed on', type: 'date', required: true},
        {name: 'startsOn', label: 'Starts on', type: 'date', required: true},
        {name: 'plannedEndOn', label: 'Planned end', type: 'date', required: true},
        {name: 'valueGbp', label: 'Value (GBP)', type: 'number'},
        {name: 'description', label: 'Description', type: 'textarea'}
    ],
    'contract-ends': [
        {name: 'crcId', label: 'CRC', type: 'crc', required: true},
        {name: 'endedOn', label: 'Ended on', type: 'date', required: true},
        {name: 'reason', label: 'Reason', type: 'choice', options: ['expired', 'terminated-early', 'transferred'], required: true},
        {name: 'successorProviderId', label: 'Successor provider (for a transfer)', type: 'provider'}
    ],
    'contract-term-changes': [
        {name: 'crcIds', label: 'CRC ids (comma-separated)', type: 'idList', required: true},
        {name: 'announcedOn', label: 'Announced on', type: 'date', required: true},
        {name: 'newPlannedEndOn', label: 'New planned end', type: 'date', required: true},
        {name: 'reason', label: 'Reason', type: 'textarea', required: true}
    ],
    'inspection-findings': [
        {name: 'title', label: 'Report title', required: true},
        {name: 'inspectorate', label: 'Inspectorate (default HM Inspectorate of Probation)'},
        {name: 'publishedOn', label: 'Published on', type: 'date', required: true},
        {name: 'crcIds', label: 'CRC ids covered (comma-separated; empty for a thematic report)', type: 'idList'},
        {name: 'thematic', label: 'Thematic report', type: 'checkbox'},
        {name: 'rating', label: 'Rating', type: 'choice', options: ['', 'outstanding', 'good', 'requires-improvement', 'inadequate', 'none']},
        {name: 'findings', label: 'Findings', type: 'textarea'}
    ],
    'incident-reports': [
        {name: 'crcIds', label: 'CRC ids (comma-separated)', type: 'idList', required: true},
        {name: 'occurredOn', label: 'Occurred on', type: 'date', required: true},
        {name: 'category', label: 'Category', type: 'choice', options: ['risk-management', 'unpaid-work', 'enforcement', 'staffing', 'it', 'other'], required: true},
        {name: 'summary', label: 'Summary (one line)', required: true},
        {name: 'description', label: 'Description', type: 'textarea'}
    ]
};

const $ = (id) => document.getElementById(id);
const reference = {crcs: [], providers: []};

function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'text') node.textContent = value; else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) {
        if (child !== null && child !== undefined) node.append(child);
    }
    return node;
}

function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

async function api(path, options) {
    const headers = Object.assign({Accept: 'application/json, application/problem+json'}, (options || {}).headers);
    if (token()) headers.Authorization = 'Bearer ' + token();
    const response = await fetch(path, Object.assign({}, options, {headers}));
    let body = null;
    const text = await response.text();
    if (text) {
        try { body = JSON.parse(text); } catch (e) { body = {detail: text}; }
    }
    if (!response.ok) {
        const problem = body || {};
        problem.status = problem.status || response.status;
        throw problem;
    }
    return body;
}

function problemText(problem) {
    if (problem instanceof Error) return problem.message;
    return (problem.title ? problem.title + ': ' : '') + (problem.detail || ('HTTP ' + problem.status));
}

/* ---------- routes ---------- */

function route() {
    return new URLSearchParams(location.search);
}

function go(params) {
    const query = params.toString();
    history.pushState(null, '', query ? '/?' + query : '/');
    show();
}

window.addEventListener('popstate', show);

/* Views that other scripts add (overview.js, search.js): each owns a section of the page and claims the routes
   its matches(params) accepts; the first that claims a route draws it in place of the timeline view. */
const VIEWS = [];

function registerView(view) {
    VIEWS.push(view);
}

async function show() {
    const params = route();
    const claimed = VIEWS.find((view) => view.matches(params));
    for (const view of VIEWS) $(view.section).hidden = view !== claimed;
    $('view').hidden = !!claimed;
    if (claimed) {
        $('pick-crc').value = '';
        $('pick-provider').value = '';
        return claimed.show(params);
    }
    $('timeline').replaceChildren();
    $('entry').replaceChildren();
    $('pick-crc').value = params.get('crc') || '';
    $('pick-provider').value = params.get('provider') || '';
    if (params.get('entry')) {
        $('filters').hidden = true;
        $('exports').hidden = true;
        return showEntry(params.get('entry'), params.get('asOf'));
    }
    const crc = params.get('crc');
    const provider = params.get('provider');
    if (!crc && !provider) {
        $('view-title').textContent = 'Choose a CRC or a provider';
        $('filters').hidden = true;
        $('exports').hidden = true;
        $('status').textContent = '';
        return;
    }
    return showTimeline(crc ? 'crcs' : 'providers', crc || provider, params);
}

function nameOf(kind, id) {
    const list = kind === 'crcs' ? reference.crcs : reference.providers;
    const key = kind === 'crcs' ? 'crcId' : 'providerId';
    const found = list.find((item) => item[key] === id);
    return found ? found.name : id;
}

function localInputToInstant(value) {
    return value ? new Date(value).toISOString() : '';
}

function instantToLocalInput(value) {
    if (!value) return '';
    const date = new Date(value);
    if (isNaN(date)) return '';
    const pad = (n) => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
        + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

async function showTimeline(kind, id, params) {
    $('view-title').textContent = (kind === 'crcs' ? 'CRC: ' : 'Provider: ') + nameOf(kind, id);
    $('filters').hidden = false;
    $('filter-type').value = params.get('type') || '';
    $('filter-from').value = params.get('from') || '';
    $('filter-to').value = params.get('to') || '';
    $('filter-asof').value = instantToLocalInput(params.get('asOf'));

    const query = new URLSearchParams();
    for (const name of ['type', 'from', 'to', 'asOf']) {
        if (params.get(name)) query.set(name, params.get(name));
    }
    query.set('size', '200');
    const path = '/api/' + kind + '/' + encodeURIComponent(id) + '/timeline';
    const exportQuery = new URLSearchParams(query);
    exportQuery.delete('size');
    exportQuery.set('format', 'csv');
    $('export-csv').href = path + '?' + exportQuery;
    exportQuery.set('format', 'timelinejs');
    $('export-timelinejs').href = path + '?' + exportQuery;
    $('exports').hidden = false;

    $('status').textContent = 'Loading…';
    $('timeline').setAttribute('aria-busy', 'true');
    try {
        const page = await api(path + '?' + query);
        const items = page.items || [];
        $('timeline').replaceChildren(...items.map(timelineItem));
        $('status').textContent = items.length === 0 ? 'No entries match.'
            : items.length + (items.length === 1 ? ' entry' : ' entries')
              + (page.total > items.length ? ' shown of ' + page.total : '') + '.';
    } catch (problem) {
        $('status').textContent = problemText(problem);
    } finally {
        $('timeline').removeAttribute('aria-busy');
    }
}

function sourceList(sources) {
    const list = el('ul', {class: 'sources', 'aria-label': 'Sources'});
    for (const source of sources || []) {
        const parts = [];
        if (source.url) {
            parts.push(el('a', {href: source.url, rel: 'noopener noreferrer', class: 'source-link', text: source.title}));
        } else {
            parts.push(el('span', {class: 'source-title', text: source.title}));
        }
        const documentReference = source.documentReference === source.title ? null : source.documentReference;
        const extra = [source.publisher, documentReference, source.publishedOn].filter(Boolean).join(', ');
        if (extra) parts.push(' (' + extra + ')');
        list.append(el('li', null, ...parts));
    }
    return list;
}

function statusMark(status) {
    if (status === 'corrected' || status === 'retracted') {
        return el('span', {class: 'mark mark-' + status, text: status === 'corrected' ? 'Corrected' : 'Retracted'});
    }
    return null;
}

function timelineItem(item) {
    const permalink = '/?entry=' + encodeURIComponent(item.entryId);
    const title = el('h3', null,
        el('a', {href: permalink, class: 'permalink', text: TYPE_NAMES[item.type] || item.type}), ' ',
        statusMark(item.status));
    const meta = el('p', {class: 'meta'},
        el('time', {datetime: item.occurredOn, text: item.occurredOn}),
        item.providerId ? ' · ' : null,
        item.providerId ? el('a', {href: '/?provider=' + encodeURIComponent(item.providerId),
            text: item.providerName || item.providerId}) : null);
    return el('li', {class: 'entry status-' + (item.status || 'active'), 'data-type': item.type, 'data-entry-id': item.entryId},
        el('article', null, title, meta, el('p', {class: 'summary', text: item.summary}), sourceList(item.sources),
            ledgerLine(item.entryId, item.ledgerPosition, [item.ledgerPosition])));
}

/* "ledger position N" and the badge of the page's own check of the entry's inclusion proofs. */
function ledgerLine(entryId, position, positions) {
    if (!Number.isSafeInteger(position)) return null;
    return el('p', {class: 'ledger'}, el('span', {class: 'position', text: 'ledger position ' + position}), ' ',
        typeof LedgerVerify === 'object' ? LedgerVerify.badge(entryId, [...new Set(positions.filter(Number.isSafeInteger))]) : null);
}

async function showEntry(entryId, asOf) {
    $('view-title').textContent = 'Entry ' + entryId;
    $('status').textContent = 'Loading…';
    try {
        const entry = await api('/api/entries/' + encodeURIComponent(entryId) + (asOf ? '?asOf=' + encodeURIComponent(asOf) : ''));
        const facts = entry.facts || entry;
        const current = el('article', {class: 'entry status-' + (entry.status || 'active')},
            el('h3', null, TYPE_NAMES[entry.type] || entry.type || 'Entry', ' ', statusMark(entry.status)),
            el('p', {class: 'meta'}, el('time', {datetime: entry.occurredOn, text: entry.occurredOn || ''}),
                entry.providerId ? ' · ' : null,
                entry.providerId ? el('a', {href: '/?provider=' + encodeURIComponent(entry.providerId),
                    text: entry.providerName || entry.providerId}) : null),
            el('p', {class: 'summary', text: entry.summary || ''}),
            sourceList(entry.sources || facts.sources),
            ledgerLine(entryId, entry.ledgerPosition,
                [entry.ledgerPosition, ...(entry.revisions || []).map((r) => r.ledgerPosition)]));
        const crcLinks = el('p', null, 'CRCs: ', ...(entry.crcIds || []).flatMap((id, i) =>
            [i ? ', ' : '', el('a', {href: '/?crc=' + encodeURIComponent(id), text: nameOf('crcs', id)})]));
        const revisions = el('ol', {class: 'revisions'});
        for (const revision of entry.revisions || []) {
            revisions.append(el('li', null,
                el('strong', {text: revision.kind || revision.type || revision.action || 'revision'}), ' ',
                el('time', {datetime: revision.recordedAt, text: revision.recordedAt || ''}),
                Number.isSafeInteger(revision.ledgerPosition) ? ' at ledger position ' + revision.ledgerPosition : '',
                revision.recordedBy ? ' by ' + revision.recordedBy : '',
                revision.reason ? ': ' + revision.reason : '',
                revision.summary ? el('div', {class: 'summary', text: revision.summary}) : null,
                changeTable(revision.changes),
                // A withheld payload (a court order, say): the ledger still proves it was recorded.
                revision.withheld ? el('div', {class: 'withheld', role: 'note',
                    text: 'Payload withheld' + (revision.withheld.reference ? ' (' + revision.withheld.reference + ')' : '')
                        + ': ' + revision.withheld.reason + '. Its hash stays in the ledger, so its proofs still verify.'})
                    : null));
        }
        $('entry').replaceChildren(current, crcLinks, el('h3', {text: 'Revisions'}), revisions,
            el('p', null, 'Permalink: ', el('a', {href: location.href, text: location.href})));
        $('status').textContent = '';
        $('revise-entryId').value = entryId;
    } catch (problem) {
        $('status').textContent = problemText(problem);
    }
}

/* What a correction changed, field by field: the value before and after, as the API states them. */
function changeTable(changes) {
    if (!changes || changes.length === 0) return null;
    const value = (v) => {
        if (v === null || v === undefined) return el('span', {class: 'muted', text: 'not stated'});
        if (Array.isArray(v) && v.every((item) => item && typeof item === 'object' && 'title' in item)) {
            return el('ul', {class: 'plain'}, ...v.map((source) => el('li', {text: source.title
                + (source.url ? ' (' + source.url + ')' : source.documentReference ? ' (' + source.documentReference + ')' : '')})));
        }
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    };
    return el('table', {class: 'changes'},
        el('caption', {text: 'What this correction changed'}),
        el('thead', null, el('tr', null, el('th', {scope: 'col', text: 'Field'}), el('th', {scope: 'col', text: 'Before'}),
            el('th', {scope: 'col', text: 'After'}))),
        el('tbody', null, ...changes.map((change) => el('tr', {'data-field': change.field},
            el('th', {scope: 'row', text: change.field}), el('td', {class: 'before'}, value(change.before)),
            el('td', {class: 'after'}, value(change.after))))));
}

/* ---------- forms for staff ---------- */

function fieldId(form, name) {
    return form + '-' + name.replace(/[^A-Za-z0-9]/g, '-');
}

function inputFor(spec, form) {
    const id = fieldId(form, spec.name);
    const common = {id, name: spec.name, 'data-field': spec.name, required: !!spec.required,
        'aria-describedby': id + '-error'};
    let input;
    if (spec.type === 'textarea') {
        input = el('textarea', Object.assign({rows: 3}, common));
    } else if (spec.type === 'choice' || spec.type === 'crc' || spec.type === 'provider') {
        input = el('select', common);
        const options = spec.type === 'choice' ? spec.options.map((o) => [o, o || '(none)'])
            : (spec.type === 'crc' ? reference.crcs.map((c) => [c.crcId, c.name])
                : reference.providers.map((p) => [p.providerId, p.name]));
        if (spec.type !== 'choice') input.append(el('option', {value: '', text: 'Choose…'}));
        for (const [value, text] of options) input.append(el('option', {value, text}));
    } else if (spec.type === 'checkbox') {
        input = el('input', Object.assign({type: 'checkbox'}, common));
    } else {
        const type = {date: 'date', number: 'number', url: 'url'}[spec.type] || 'text';
        input = el('input', Object.assign({type, step: spec.type === 'number' ? 'any' : null}, common));
    }
    const label = el('label', {for: id, text: spec.label + (spec.required ? ' (required)' : '')});
    const error = el('p', {class: 'error', id: id + '-error'});
    return el('div', {class: spec.type === 'checkbox' ? 'field checkbox' : 'field'},
        ...(spec.type === 'checkbox' ? [input, label] : [label, input]), error);
}

function renderRecordFields() {
    const type = $('record-type').value;
    const entry = el('fieldset', null, el('legend', {text: 'The entry'}),
        ...RECORD_FORMS[type].map((spec) => inputFor(spec, 'record')));
    const source = el('fieldset', null, el('legend', {text: 'Source'}),
        ...SOURCE_FIELDS.map((spec) => inputFor(spec, 'record')));
    $('record-fields').replaceChildren(entry, source);
    const crc = route().get('crc');
    const crcInput = $('record-crcs') || $('record-crcId') || $('record-crcIds');
    if (crc && crcInput) crcInput.value = crc;
    clearErrors($('record'));
}

function recordBody() {
    const type = $('record-type').value;
    const body = {};
    for (const spec of RECORD_FORMS[type]) {
        const input = $(fieldId('record', spec.name));
        if (spec.type === 'checkbox') {
            if (input.checked) body[spec.name] = true;
            continue;
        }
        const value = input.value.trim();
        if (!value) continue;
        if (spec.type === 'number') body[spec.name] = Number(value);
        else if (spec.type === 'crcObjects') body[spec.name] = splitIds(value).map((crcId) => ({crcId}));
        else if (spec.type === 'idList') body[spec.name] = splitIds(value);
        else body[spec.name] = value;
    }
    const source = {};
    for (const spec of SOURCE_FIELDS) {
        const value = $(fieldId('record', spec.name)).value.trim();
        if (value) source[spec.name.replace('sources[0].', '')] = value;
    }
    body.sources = Object.keys(source).length ? [source] : [];
    return body;
}

function splitIds(value) {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function clearErrors(form) {
    for (const node of form.querySelectorAll('.error, .form-error')) node.textContent = '';
    for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
}

/* The input an API field name belongs to: exactly, or the nearest enclosing one
   ("crcs[0].crcId" -> "crcs"; "sources" -> "sources[0].title"). */
function inputForField(form, field) {
    const inputs = [...form.querySelectorAll('[data-field]')];
    let name = field;
    while (name) {
        const exact = inputs.find((i) => i.dataset.field === name);
        if (exact) return exact;
        const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
        name = cut > 0 ? name.substring(0, cut) : '';
    }
    return inputs.find((i) => i.dataset.field.startsWith(field + '[') || i.dataset.field.startsWith(field + '.')) || null;
}

function showProblem(form, problem, formError) {
    const errors = (problem.errors && problem.errors.length) ? problem.errors
        : (problem.field ? [{field: problem.field, message: problem.detail}] : []);
    let first = null;
    let unplaced = false;
    for (const error of errors) {
        const input = inputForField(form, error.field);
        if (!input) { unplaced = true; continue; }
        input.setAttribute('aria-invalid', 'true');
        const message = $(input.id + '-error');
        const text = error.field === input.dataset.field ? error.message : error.field + ': ' + error.message;
        message.textContent = message.textContent ? message.textContent + '; ' + text : text;
        first = first || input;
    }
    formError.textContent = problemText(problem) + (errors.length && !unplaced ? ' (see the fields marked below)' : '');
    if (first) first.focus();
}

async function submitRecord(event) {
    event.preventDefault();
    const form = $('record');
    clearErrors(form);
    const resource = $('record-type').value;
    $('record-submit').disabled = true;
    try {
        const entry = await api('/api/' + resource, {method: 'POST', headers: {'Content-Type': 'application/json',
            'Idempotency-Key': 'web-' + Date.now() + '-' + Math.random().toString(36).slice(2)},
            body: JSON.stringify(recordBody())});
        renderRecordFields();
        await show();
        $('signin-status').replaceChildren('Recorded ', el('a', {href: '/?entry=' + encodeURIComponent(entry.entryId),
            text: entry.entryId}), '.');
    } catch (problem) {
        showProblem(form, problem, $('record-error'));
    } finally {
        $('record-submit').disabled = false;
    }
}

async function submitRevise(event) {
    event.preventDefault();
    const form = $('revise');
    clearErrors(form);
    const action = form.querySelector('input[name="action"]:checked').value;
    const entryId = $('revise-entryId').value.trim();
    if (!entryId) {
        showProblem(form, {title: 'Invalid request', detail: 'entryId: must not be blank',
            errors: [{field: 'entryId', message: 'must not be blank'}]}, $('revise-error'));
        return;
    }
    const body = {reason: $('revise-reason').value.trim() || null};
    if (action === 'corrections') {
        try {
            body.changes = $('revise-changes').value.trim() ? JSON.parse($('revise-changes').value) : null;
        } catch (e) {
            showProblem(form, {title: 'Invalid request', detail: 'changes: not valid JSON',
                errors: [{field: 'changes', message: 'not valid JSON: ' + e.message}]}, $('revise-error'));
            return;
        }
    }
    $('revise-submit').disabled = true;
    try {
        await api('/api/entries/' + encodeURIComponent(entryId) + '/' + action, {method: 'POST',
            headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
        form.reset();
        await show();
        $('signin-status').replaceChildren((action === 'corrections' ? 'Corrected ' : 'Retracted '),
            el('a', {href: '/?entry=' + encodeURIComponent(entryId), text: entryId}), '.');
    } catch (problem) {
        showProblem(form, problem, $('revise-error'));
    } finally {
        $('revise-submit').disabled = false;
    }
}

function showSignedIn() {
    const signedIn = !!token();
    $('staff-forms').hidden = !signedIn;
    $('signout-button').hidden = !signedIn;
    $('token').value = '';
    $('signin-status').textContent = signedIn ? 'Signed in for this session.' : '';
}

/* ---------- start ---------- */

async function start() {
    $('pick').addEventListener('submit', (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        if ($('pick-crc').value) params.set('crc', $('pick-crc').value);
        else if ($('pick-provider').value) params.set('provider', $('pick-provider').value);
        go(params);
    });
    $('pick-crc').addEventListener('change', () => { if ($('pick-crc').value) $('pick-provider').value = ''; });
    $('pick-provider').addEventListener('change', () => { if ($('pick-provider').value) $('pick-crc').value = ''; });
    $('filters').addEventListener('submit', (event) => {
        event.preventDefault();
        const current = route();
        const params = new URLSearchParams();
        for (const name of ['crc', 'provider']) if (current.get(name)) params.set(name, current.get(name));
        if ($('filter-type').value) params.set('type', $('filter-type').value);
        if ($('filter-from').value) params.set('from', $('filter-from').value);
        if ($('filter-to').value) params.set('to', $('filter-to').value);
        if ($('filter-asof').value) params.set('asOf', localInputToInstant($('filter-asof').value));
        go(params);
    });
    $('clear-filters').addEventListener('click', () => {
        const current = route();
        const params = new URLSearchParams();
        for (const name of ['crc', 'provider']) if (current.get(name)) params.set(name, current.get(name));
        go(params);
    });
    $('signin').addEventListener('submit', (event) => {
        event.preventDefault();
        const value = $('token').value.trim();
        if (value) sessionStorage.setItem(TOKEN_KEY, value);
        showSignedIn();
    });
    $('signout-button').addEventListener('click', () => {
        sessionStorage.removeItem(TOKEN_KEY);
        showSignedIn();
    });
    $('record-type').addEventListener('change', renderRecordFields);
    $('record').addEventListener('submit', submitRecord);
    $('revise').addEventListener('submit', submitRevise);
    for (const radio of document.querySelectorAll('#revise input[name="action"]')) {
        radio.addEventListener('change', () => {
            $('revise-changes-field').hidden = radio.value === 'retraction' && radio.checked;
        });
    }

    try {
        const [crcs, providers] = await Promise.all([api('/api/crcs'), api('/api/providers')]);
        reference.crcs = (crcs.items || []).sort((a, b) => a.name.localeCompare(b.name));
        reference.providers = (providers.items || []).sort((a, b) => a.name.localeCompare(b.name));
    } catch (problem) {
        $('status').textContent = 'Could not load the CRCs and providers: ' + problemText(problem);
    }
    $('pick-crc').append(...reference.crcs.map((c) => el('option', {value: c.crcId, text: c.name})));
    $('pick-provider').append(...reference.providers.map((p) => el('option', {value: p.providerId, text: p.name})));
    showSignedIn();
    renderRecordFields();
    await show();
    document.body.dataset.ready = 'true';
}

// After every deferred script has run, so the views they register are there for the first route.
document.addEventListener('DOMContentLoaded', start);
