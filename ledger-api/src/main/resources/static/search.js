/* search: the results of /?q=... in #search-results, from GET /api/search. The header's search box
   (in every page) submits here; without this script it still loads /?q=..., which this view draws.
   Snippets arrive as plain-text parts: the words found become <mark> elements built here, so nothing
   from the ledger is ever parsed as HTML. */
'use strict';

(function () {
    /* The filters a search URL may carry, passed on to the API as they are. */
    const PASSED_ON = ['type', 'crc', 'provider', 'from', 'to', 'asOf', 'page', 'size'];
    const FIELD_NAMES = {summary: 'Summary', description: 'Description', findings: 'Findings',
        sources: 'Sources', names: 'Names'};

    $('search-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const q = $('search-q').value.trim();
        if (!q) return;
        const params = new URLSearchParams({q});
        // A reader looking at the ledger as it stood then searches it as it stood then.
        const asOf = route().get('asOf');
        if (asOf) params.set('asOf', asOf);
        go(params);
    });

    function marked(parts) {
        return parts.map((part) => part.match ? el('mark', {text: part.text}) : part.text);
    }

    function snippet(found) {
        return el('p', {class: 'snippet'},
            el('span', {class: 'snippet-field', text: (FIELD_NAMES[found.field] || found.field) + ': '}),
            ...marked(found.parts));
    }

    /* The entry as the timelines show it; a match in its summary is marked there, the others below it. */
    function hit(item) {
        const li = timelineItem(Object.assign({}, item, {sources: []}));
        const inSummary = item.snippets.filter((found) => found.field === 'summary');
        if (inSummary.length) li.querySelector('.summary').replaceChildren(...inSummary.flatMap((found) => marked(found.parts)));
        li.querySelector('article').append(...item.snippets.filter((found) => found.field !== 'summary').map(snippet));
        return li;
    }

    function moreLink(params) {
        const next = new URLSearchParams(params);
        next.set('page', String(Number(params.get('page') || 0) + 1));
        const link = el('a', {href: '/?' + next, class: 'more', text: 'More results'});
        link.addEventListener('click', (event) => {
            event.preventDefault();
            go(next);
        });
        return el('p', null, link);
    }

    async function show(params) {
        const q = params.get('q') || '';
        $('search-q').value = q;
        const title = $('search-title');
        title.textContent = 'Search: ' + q;
        const status = el('p', {id: 'search-status', role: 'status', 'aria-live': 'polite', text: 'Searching…'});
        $('search-results').replaceChildren(title, status);
        const query = new URLSearchParams({q});
        for (const name of PASSED_ON) {
            for (const value of params.getAll(name)) query.append(name, value);
        }
        let page;
        try {
            page = await api('/api/search?' + query);
        } catch (problem) {
            status.textContent = problemText(problem);
            status.classList.add('error');
            return;
        }
        const asOf = params.get('asOf');
        status.textContent = (page.totalIsLowerBound ? 'At least ' + page.total + ' entries found'
            : page.total === 1 ? '1 entry found' : page.total + ' entries found')
            + (asOf ? ' in the ledger as it stood at ' + asOf : '');
        $('search-results').append(el('ol', {id: 'search-hits', class: 'timeline search-hits'}, ...page.items.map(hit)));
        if (page.next) $('search-results').append(moreLink(params));
    }

    registerView({section: 'search-results', matches: (params) => params.has('q'), show});
})();
