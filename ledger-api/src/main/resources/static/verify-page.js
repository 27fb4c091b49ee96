/* verify.html: shows the key this server publishes and lets the reader pin a key got elsewhere. */
'use strict';

(() => {
    const $ = (id) => document.getElementById(id);

    function showPinned() {
        const pinned = LedgerVerify.pinned();
        $('pin-status').textContent = pinned ? 'Pinned: checks on this site use ' + pinned + '.'
            : 'No key is pinned: checks use the key this server publishes.';
        $('pin-key').value = pinned || '';
    }

    $('pin-form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const text = $('pin-key').value.trim();
        if (!text) {
            $('pin-status').textContent = 'Paste a key to pin first.';
            return;
        }
        try {
            const key = await LedgerVerify.parseVkey(text);
            LedgerVerify.pin(key.text);
            showPinned();
        } catch (error) {
            $('pin-key').setAttribute('aria-invalid', 'true');
            $('pin-status').textContent = 'Not pinned: ' + error.message + '.';
            return;
        }
        $('pin-key').removeAttribute('aria-invalid');
    });
    $('unpin-button').addEventListener('click', () => {
        LedgerVerify.pin(null);
        showPinned();
    });

    showPinned();
    LedgerVerify.served().then((text) => {
        $('served-key').textContent = text;
        const pinned = LedgerVerify.pinned();
        if (pinned && pinned !== text) {
            $('pin-status').textContent = 'Pinned: ' + pinned + '. This is NOT the key the server publishes now: '
                + 'every check on this site fails until you forget the pinned key or the server publishes it.';
        }
    }, (error) => { $('served-key').textContent = 'could not fetch it: ' + error.message; })
        .finally(() => { document.body.dataset.ready = 'true'; });
})();
