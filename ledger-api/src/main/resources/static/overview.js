/* The overview at / (the page's default view): the chart of every CRC that GET /api/overview.svg draws, put inline
   so its links take focus and this page's CSS styles them, and the same facts as tables from GET /api/overview.
   Its parameters (asOf, type, owner: "owner", because "provider" is the route to a provider's timeline) stay in the
   URL, so every state of it is a permalink. Uses app.js's globals ($, el, api, go, ...). */
'use strict';

(function () {
    /* Routes that other views draw: the timeline view (crc, provider, entry) and search (q). */
    const OTHER_ROUTES = ['crc', 'provider', 'entry', 'q'];
    const OWN_PARAMETERS = ['asOf', 'type', 'owner'];
    /* The kinds of entry the overview marks (GET /api/overview refuses others); the contract entries are its bars. */
    const MARK_TYPES = ['job-cut-announcement', 'inspection-finding', 'incident-report'];
    const RATING_NAMES = {
        'inadequate': 'inadequate', 'requires-improvement': 'requires improvement', 'good': 'good',
        'outstanding': 'outstanding', 'none': 'unrated'
    };
    const RATING_ORDER = ['inadequate', 'requires-improvement', 'good', 'outstanding', 'none'];

    /* What the drawn overview shows, for the detail box: rows by CRC id, marks by CRC and entry id (an entry about
       several CRCs is marked on each, and concerns the holder of each that day). */
    let marks = new Map();
    let rows = new Map();
    /* Only the latest of overlapping draws (a quick second filter) is shown. */
    let drawing = 0;

    function markKey(crcId, entryId) {
        return crcId + ' ' + entryId;
    }

    function overviewQuery(params) {
        const query = new URLSearchParams();
        for (const name of OWN_PARAMETERS) if (params.get(name)) query.set(name, params.get(name));
        return query;
    }

    /* The chart's SVG as a node of this document; a refusal throws the problem, like api(). */
    async function chart(path) {
        const headers = {Accept: 'image/svg+xml, application/problem+json'};
        if (token()) headers.Authorization = 'Bearer ' + token();
        const response = await fetch(path, {headers});
        const text = await response.text();
        if (!response.ok) {
            let problem;
            try { problem = JSON.parse(text); } catch (e) { problem = {detail: text}; }
            problem.status = problem.status || response.status;
            throw problem;
        }
        const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
        if (parsed.querySelector('parsererror')) throw new Error('The chart could not be read.');
        return document.importNode(parsed.documentElement, true);
    }

    function number(value) {
        return Number(value).toLocaleString('en-GB');
    }

    function period(contract) {
        const until = contract.endedOn ? ' to ' + contract.endedOn
            + (contract.endReason ? ' (' + contract.endReason.replace(/-/g, ' ') + ')' : '') : ', still held';
        return (contract.providerName || contract.providerId) + ': ' + contract.startsOn + until;
    }

    function markText(mark) {
        return mark.occurredOn + (mark.rating ? ', ' + RATING_NAMES[mark.rating] : '') + ': ' + mark.summary;
    }

    function list(items, render) {
        if (!items.length) return el('span', {class: 'none', text: 'none'});
        return el('ul', null, ...items.map((item) => el('li', null, ...render(item))));
    }

    function entryLink(mark) {
        return el('a', {href: '/?entry=' + encodeURIComponent(mark.entryId), text: markText(mark)});
    }

    function cell(label, ...children) {
        return el('td', {'data-label': label}, ...children);
    }

    function crcTable(overview) {
        $('overview-table').tBodies[0].replaceChildren(...overview.crcs.map((crc) => {
            const ofType = (type) => crc.marks.filter((m) => m.type === type);
            return el('tr', {'data-crc-id': crc.crcId},
                el('th', {scope: 'row'}, el('a', {href: '/?crc=' + encodeURIComponent(crc.crcId), text: crc.name})),
                cell('Owners', list(crc.contracts, (c) => [period(c)])),
                cell('Job cuts', list(ofType('job-cut-announcement'), (m) => [entryLink(m)])),
                cell('Inspection findings', list(ofType('inspection-finding'), (m) => [entryLink(m)])),
                cell('Incidents', list(ofType('incident-report'), (m) => [entryLink(m)])));
        }));
    }

    /* A small bar beside a figure, its length the figure's share of the largest: SVG attributes, not inline styles,
       which the page's CSP forbids. */
    function bar(value, largest) {
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('class', 'figure-bar');
        svg.setAttribute('width', '80');
        svg.setAttribute('height', '10');
        svg.setAttribute('aria-hidden', 'true');
        const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rect.setAttribute('width', largest > 0 ? String(Math.max(value > 0 ? 2 : 0, 80 * value / largest)) : '0');
        rect.setAttribute('height', '10');
        rect.setAttribute('fill', '#0b4f8a');
        svg.append(rect);
        return svg;
    }

    function figure(text, value, largest) {
        return el('span', {class: 'figures'}, el('span', {class: 'figure', text}), ' ', bar(value, largest));
    }

    function providersTable(overview) {
        const largestPosts = Math.max(0, ...overview.providers.map((p) => Number(p.postsAnnouncedCut)));
        const largestIncidents = Math.max(0, ...overview.providers.map((p) => p.incidents));
        $('overview-providers').tBodies[0].replaceChildren(...overview.providers.map((p) => {
            const ratings = RATING_ORDER.filter((r) => p.findingsByRating[r])
                .map((r) => p.findingsByRating[r] + ' ' + RATING_NAMES[r]).join(', ');
            const percentOnly = p.announcementsWithPercentageOnly;
            return el('tr', {'data-provider-id': p.providerId},
                el('th', {scope: 'row'}, el('a', {href: '/?provider=' + encodeURIComponent(p.providerId), text: p.name})),
                cell('CRCs held', String(p.crcsHeld) + (p.crcsHeldNow ? ' (' + p.crcsHeldNow + ' still held)' : '')),
                cell('Posts announced cut', figure(number(p.postsAnnouncedCut), Number(p.postsAnnouncedCut), largestPosts),
                    percentOnly ? el('small', {text: 'and ' + percentOnly + (percentOnly === 1 ? ' announcement' : ' announcements')
                        + ' giving only a percentage'}) : null),
                cell('Inspection findings by rating', ratings || 'none'),
                cell('Incidents', figure(String(p.incidents), p.incidents, largestIncidents)));
        }));
    }

    function showDetail(event) {
        const link = event.target.closest ? event.target.closest('a') : null;
        if (!link || !$('overview-chart').contains(link)) return;
        const row = link.closest('g.crc');
        const crc = row ? rows.get(row.dataset.crcId) : null;
        const mark = crc && link.classList.contains('mark') ? marks.get(markKey(crc.crcId, link.dataset.entryId)) : null;
        if (mark) {
            $('overview-detail').replaceChildren(
                el('p', {class: 'overview-detail-meta'}, el('strong', {text: TYPE_NAMES[mark.type] || mark.type}),
                    mark.rating ? ' (' + RATING_NAMES[mark.rating] + ')' : '', ' · ',
                    el('time', {datetime: mark.occurredOn, text: mark.occurredOn}),
                    crc ? ' · ' + crc.name : '', mark.providerName ? ' · ' + mark.providerName : ''),
                el('p', {class: 'summary', text: mark.summary}),
                el('p', null, el('a', {href: '/?entry=' + encodeURIComponent(mark.entryId), text: 'Open the entry'})));
        } else if (crc) {
            $('overview-detail').replaceChildren(
                el('p', {class: 'overview-detail-meta'}, el('strong', {text: crc.name})),
                el('p', {class: 'summary', text: crc.contracts.length ? crc.contracts.map(period).join('; ')
                    : 'No contract recorded.'}),
                el('p', null, el('a', {href: '/?crc=' + encodeURIComponent(crc.crcId), text: 'Open its timeline'})));
        }
    }

    /* Links to the page's own routes are followed without reloading it. */
    function followInPage(event) {
        const link = event.target.closest ? event.target.closest('a') : null;
        if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
            || event.altKey) return;
        const href = link.getAttribute('href') || '';
        if (!href.startsWith('/?')) return;
        event.preventDefault();
        go(new URLSearchParams(href.substring(2)));
    }

    /* The controls' choices, once: the mark kinds named as everywhere on the page, the providers as registered. */
    function fillChoices() {
        if ($('overview-type').options.length === 1) {
            $('overview-type').append(...MARK_TYPES.map((type) => el('option', {value: type, text: TYPE_NAMES[type]})));
        }
        if ($('overview-owner').options.length === 1) {
            $('overview-owner').append(...reference.providers.map((p) => el('option', {value: p.providerId, text: p.name})));
        }
    }

    function statusText(overview, params) {
        const shown = overview.crcs.reduce((sum, crc) => sum + crc.marks.length, 0);
        let text = overview.crcs.length + (overview.crcs.length === 1 ? ' CRC' : ' CRCs') + ', ' + shown
            + (shown === 1 ? ' mark' : ' marks');
        if (params.get('owner')) text += ', held by ' + nameOf('providers', params.get('owner'));
        if (params.get('asOf')) text += ', as the ledger stood at ' + new Date(params.get('asOf')).toLocaleString('en-GB');
        return text + '.';
    }

    async function show(params) {
        const section = $('overview');
        const mine = ++drawing;
        section.dataset.state = 'loading';
        fillChoices();
        $('overview-asof').value = instantToLocalInput(params.get('asOf'));
        $('overview-type').value = params.get('type') || '';
        $('overview-owner').value = params.get('owner') || '';
        const query = overviewQuery(params);
        const suffix = query.toString() ? '?' + query : '';
        $('overview-status').textContent = 'Loading…';
        $('overview-chart').setAttribute('aria-busy', 'true');
        try {
            const [overview, svg] = await Promise.all([api('/api/overview' + suffix), chart('/api/overview.svg' + suffix)]);
            if (mine !== drawing) return;
            marks = new Map(overview.crcs.flatMap((crc) => crc.marks.map((mark) => [markKey(crc.crcId, mark.entryId), mark])));
            rows = new Map(overview.crcs.map((crc) => [crc.crcId, crc]));
            $('overview-chart').replaceChildren(svg);
            providersTable(overview);
            crcTable(overview);
            $('overview-detail').replaceChildren(el('p', {text: 'Hover over or tab to a mark to see its entry here.'}));
            $('overview-status').textContent = statusText(overview, params);
        } catch (problem) {
            if (mine !== drawing) return;
            $('overview-chart').replaceChildren();
            $('overview-table').tBodies[0].replaceChildren();
            $('overview-providers').tBodies[0].replaceChildren();
            $('overview-status').textContent = problemText(problem);
        } finally {
            if (mine === drawing) {
                $('overview-chart').removeAttribute('aria-busy');
                section.dataset.query = query.toString();
                section.dataset.state = 'ready';
            }
        }
    }

    function start() {
        $('overview-filters').addEventListener('submit', (event) => {
            event.preventDefault();
            const params = new URLSearchParams();
            if ($('overview-asof').value) params.set('asOf', localInputToInstant($('overview-asof').value));
            if ($('overview-type').value) params.set('type', $('overview-type').value);
            if ($('overview-owner').value) params.set('owner', $('overview-owner').value);
            go(params);
        });
        $('overview-clear').addEventListener('click', () => go(new URLSearchParams()));
        $('overview-chart').addEventListener('focusin', showDetail);
        $('overview-chart').addEventListener('mouseover', showDetail);
        $('overview').addEventListener('click', followInPage);
    }

    registerView({
        section: 'overview',
        matches: (params) => OTHER_ROUTES.every((name) => !params.has(name)),
        show
    });
    start();
})();
