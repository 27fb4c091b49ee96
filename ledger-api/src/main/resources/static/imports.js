/* imports: see index.html. Bulk recording from a CSV file: a dry run lists every row's problems; recording
   polls the import's resource and shows its progress. The file goes as the request body (text/csv). */
'use strict';

(function () {
    const POLL_MS = 500;

    function file() {
        return $('import-file').files[0];
    }

    function status(text) {
        $('import-status').textContent = text;
    }

    function showProblems(problems) {
        const table = $('import-problems');
        const body = table.querySelector('tbody');
        body.replaceChildren(...(problems || []).map(p => el('tr', {},
            el('td', {text: String(p.row)}), el('td', {text: p.field || '—'}), el('td', {text: p.message}))));
        table.hidden = !problems || problems.length === 0;
    }

    function send(query) {
        return api('/api/imports' + query, {method: 'POST', headers: {'Content-Type': 'text/csv'}, body: file()});
    }

    function busy(on) {
        $('import-check').disabled = on;
        $('import-record').disabled = on;
    }

    async function check() {
        if (!file()) { status('Choose a CSV file first.'); return; }
        busy(true);
        showProblems([]);
        $('import-progress').hidden = true;
        try {
            const report = await send('?dryRun=true');
            showProblems(report.problems);
            status(report.recordable
                ? 'Dry run: all ' + report.rows + ' rows can be recorded. Nothing was recorded.'
                : 'Dry run: ' + report.problemCount + ' problem(s) in ' + report.rows + ' rows. Nothing was recorded.');
        } catch (problem) {
            status(problemText(problem));
        } finally {
            busy(false);
        }
    }

    function progress(resource) {
        const bar = $('import-progress');
        const percent = resource.total ? Math.floor(100 * resource.processed / resource.total) : 100;
        bar.hidden = false;
        bar.value = percent;
        bar.textContent = percent + '%';
        status(percent + '% (' + resource.processed + ' of ' + resource.total + ' rows): ' + resource.recorded
            + ' recorded, ' + resource.alreadyRecorded + ' already recorded, ' + resource.failed + ' failed'
            + (resource.status === 'finished' ? '. Import finished.' : resource.status === 'interrupted'
                ? '. Import interrupted: upload the file again to record the rest.' : '…'));
        showProblems(resource.problems);
    }

    async function record() {
        if (!file()) { status('Choose a CSV file first.'); return; }
        busy(true);
        showProblems([]);
        try {
            let resource = await send('');
            progress(resource);
            while (resource.status === 'running') {
                await new Promise(resolve => setTimeout(resolve, POLL_MS));
                resource = await api('/api/imports/' + encodeURIComponent(resource.id));
                progress(resource);
            }
        } catch (problem) {
            status(problemText(problem) + (problem.problems ? ' See the problems below.' : ''));
            showProblems(problem.problems);
        } finally {
            busy(false);
        }
    }

    document.addEventListener('DOMContentLoaded', () => {
        $('import-check').addEventListener('click', check);
        $('import-record').addEventListener('click', record);
    });
})();
