/* Checks, in this browser, that a ledger entry is in the transparency log: each of the entry's leaves
   with its RFC 9162 inclusion proof up to the root of a checkpoint (c2sp.org/tlog-checkpoint), and
   that checkpoint's Ed25519 signature (c2sp.org/signed-note) against the log's verifier key. Only
   WebCrypto (SHA-256, Ed25519): no library, and no verdict from the server is trusted.
   The key is the one the reader pinned (verify.html, kept in localStorage) or else /tlog/vkey. */
'use strict';

const LedgerVerify = (() => {
    const PIN_KEY = 'ledger.pinnedVkey';
    const MAX_CONCURRENT = 3;
    const RETRIES_409 = 20;

    class Failure extends Error {}
    const fail = (message) => { throw new Failure(message); };

    const utf8 = new TextEncoder();
    const utf8Strict = new TextDecoder('utf-8', {fatal: true});

    function concat(...parts) {
        const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const part of parts) { out.set(part, at); at += part.length; }
        return out;
    }

    function base64(text, what) {
        if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
            fail(what + ' is not base64');
        }
        const binary = atob(text);
        return Uint8Array.from(binary, (c) => c.charCodeAt(0));
    }

    function hex(bytes) {
        return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    }

    function equal(a, b) {
        return a.length === b.length && a.every((x, i) => x === b[i]);
    }

    function subtle() {
        if (!window.crypto || !window.crypto.subtle) {
            fail('this browser offers no WebCrypto here (it needs HTTPS or localhost)');
        }
        return window.crypto.subtle;
    }

    async function sha256(bytes) {
        return new Uint8Array(await subtle().digest('SHA-256', bytes));
    }

    const leafHash = (leaf) => sha256(concat(Uint8Array.of(0), leaf));
    const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

    /* ---------- the verifier key: <name>+<hex key id>+<base64(0x01 || 32-byte Ed25519 key)> ---------- */

    /** A ledger that requires a token for reading (public-read off) gets the staff token the page holds. */
    function readHeaders(accept) {
        const headers = {Accept: accept};
        const token = window.sessionStorage && sessionStorage.getItem('ledger.token');
        if (token) headers.Authorization = 'Bearer ' + token;
        return headers;
    }

    async function parseVkey(text) {
        // The name has no '+' and the key id is hex, but the base64 key may well hold a '+'.
        const parts = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/.exec((text || '').trim());
        if (!parts) fail('the key is not a signed-note verifier key (<name>+<8 hex digits>+<base64 key>)');
        const [, name, keyIdHex, encoded] = parts;
        const key = base64(encoded, 'the key');
        if (key.length !== 33 || key[0] !== 0x01) fail('the key is not an Ed25519 key (0x01 and 32 bytes)');
        const id = (await sha256(concat(utf8.encode(name + '\n'), key))).slice(0, 4);
        if (hex(id) !== keyIdHex) fail('the key id ' + keyIdHex + ' does not match the key (it hashes to ' + hex(id) + ')');
        let cryptoKey;
        try {
            cryptoKey = await subtle().importKey('raw', key.slice(1), {name: 'Ed25519'}, false, ['verify']);
        } catch (e) {
            fail('this browser cannot check Ed25519 signatures (' + e.message + ')');
        }
        return {text: name + '+' + keyIdHex + '+' + encoded, name, keyId: keyIdHex, keyIdBytes: id, cryptoKey};
    }

    function pinned() {
        try { return localStorage.getItem(PIN_KEY) || null; } catch (e) { return null; }
    }

    function pin(text) {
        if (text) localStorage.setItem(PIN_KEY, text); else localStorage.removeItem(PIN_KEY);
        trusted = null;
        checkpoints.clear();
        results.clear();
    }

    async function served() {
        const response = await fetch('/tlog/vkey', {headers: readHeaders('text/plain'), cache: 'no-cache'});
        if (!response.ok) fail('could not fetch the log\'s key (HTTP ' + response.status + ')');
        return (await response.text()).trim();
    }

    /* {key, source: 'pinned' | 'server'}; the served key must equal a pinned one. */
    let trusted = null;
    function trustedKey() {
        if (!trusted) {
            trusted = (async () => {
                const pinnedText = pinned();
                const servedText = await served();
                if (pinnedText) {
                    const key = await parseVkey(pinnedText);
                    if (servedText !== key.text) {
                        fail('the log now publishes key ' + servedText.split('+', 2).join('+')
                            + ', not the key you pinned (' + key.name + '+' + key.keyId + ')');
                    }
                    return {key, source: 'pinned'};
                }
                return {key: await parseVkey(servedText), source: 'server'};
            })();
            trusted.catch(() => { trusted = null; });
        }
        return trusted;
    }

    /* ---------- the signed checkpoint ---------- */

    const checkpoints = new Map();

    function verifiedCheckpoint(note, key) {
        const cacheKey = key.text + '\n' + note;
        if (!checkpoints.has(cacheKey)) {
            const checked = checkCheckpoint(note, key);
            checked.catch(() => checkpoints.delete(cacheKey));
            checkpoints.set(cacheKey, checked);
        }
        return checkpoints.get(cacheKey);
    }

    async function checkCheckpoint(note, key) {
        const split = note.indexOf('\n\n');
        if (split < 0 || !note.endsWith('\n')) fail('the checkpoint is not a signed note');
        const body = note.substring(0, split + 1);
        const lines = body.slice(0, -1).split('\n');
        if (lines.length < 3) fail('the checkpoint has fewer than three lines');
        const [origin, sizeText, rootText] = lines;
        if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) fail('the checkpoint\'s tree size is not a number');
        const root = base64(rootText, 'the checkpoint\'s root hash');
        if (root.length !== 32) fail('the checkpoint\'s root hash is not 32 bytes');
        if (origin !== key.name) fail('the checkpoint is for log "' + origin + '", not "' + key.name + '"');

        let found = false;
        for (const line of note.substring(split + 2).split('\n').slice(0, -1)) {
            const match = /^\u2014 (\S+) (\S+)$/.exec(line);
            if (!match) fail('the checkpoint has a malformed signature line');
            if (match[1] !== key.name) continue;
            const signature = base64(match[2], 'a checkpoint signature');
            if (signature.length < 5 || !equal(signature.slice(0, 4), key.keyIdBytes)) continue;
            if (signature.length !== 68) fail('the checkpoint signature is not 64 bytes');
            const good = await subtle().verify('Ed25519', key.cryptoKey, signature.slice(4), utf8.encode(body));
            if (!good) fail('the checkpoint signature does not verify with key ' + key.name + '+' + key.keyId);
            found = true;
        }
        if (!found) fail('the checkpoint has no signature by key ' + key.name + '+' + key.keyId);
        return {origin, size: BigInt(sizeText), root, keyId: key.keyId, keyName: key.name};
    }

    /* ---------- RFC 9162 section 2.1.3.2 ---------- */

    async function checkInclusion(index, size, hash, proof, root) {
        if (index >= size) fail('leaf ' + index + ' is beyond the checkpoint\'s tree size ' + size);
        let fn = index;
        let sn = size - 1n;
        let r = hash;
        for (const p of proof) {
            if (sn === 0n) fail('the inclusion proof is longer than the tree allows');
            if ((fn & 1n) === 1n || fn === sn) {
                r = await nodeHash(p, r);
                if ((fn & 1n) === 0n) {
                    while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
                }
            } else {
                r = await nodeHash(r, p);
            }
            fn >>= 1n;
            sn >>= 1n;
        }
        if (sn !== 0n) fail('the inclusion proof is shorter than the tree needs');
        if (!equal(r, root)) fail('the inclusion proof does not lead to the checkpoint\'s root hash');
    }

    async function checkLeaf(entry, checkpoint) {
        if (!Number.isSafeInteger(entry.position) || entry.position < 1 || entry.index !== entry.position - 1) {
            fail('the proof gives leaf index ' + entry.index + ' for ledger position ' + entry.position);
        }
        const leaf = base64(entry.leaf, 'a leaf');
        let leafJson;
        try { leafJson = JSON.parse(utf8Strict.decode(leaf)); } catch (e) { fail('a leaf is not JSON'); }
        if (!leafJson || leafJson.position !== entry.position) {
            fail('the leaf names position ' + (leafJson && leafJson.position) + ', not ' + entry.position);
        }
        if (!Array.isArray(entry.proof)) fail('the proof has no hashes');
        const proof = entry.proof.map((h) => {
            const bytes = base64(h, 'a proof hash');
            if (bytes.length !== 32) fail('a proof hash is not 32 bytes');
            return bytes;
        });
        await checkInclusion(BigInt(entry.index), checkpoint.size, await leafHash(leaf), proof, checkpoint.root);
    }

    /* ---------- an entry ---------- */

    const results = new Map();

    async function fetchProof(entryId, onWaiting) {
        for (let attempt = 0; ; attempt++) {
            const response = await fetch('/api/entries/' + encodeURIComponent(entryId) + '/proof',
                {headers: readHeaders('application/json'), cache: 'no-cache'});
            if (response.status === 409 && attempt < RETRIES_409) {
                if (onWaiting) onWaiting();
                const after = Number(response.headers.get('Retry-After'));
                await new Promise((resolve) => setTimeout(resolve, Math.min(5, after > 0 ? after : 1) * 1000));
                continue;
            }
            if (response.status === 409) fail('the entry is not yet in a signed checkpoint');
            if (!response.ok) fail('could not fetch the proof (HTTP ' + response.status + ')');
            try { return await response.json(); } catch (e) { fail('the proof is not JSON'); }
        }
    }

    /* Resolves {positions, checkpoint, key, keySource}; rejects with a Failure saying why. positions: the
       ledger positions the page shows for this entry, each of which must be one of its proven leaves. */
    async function verifyEntry(entryId, positions, onWaiting) {
        const {key, source} = await trustedKey();
        const proof = await fetchProof(entryId, onWaiting);
        if (typeof proof.checkpoint !== 'string' || !Array.isArray(proof.leaves) || proof.leaves.length === 0) {
            fail('the proof has no checkpoint or no leaves');
        }
        const checkpoint = await verifiedCheckpoint(proof.checkpoint, key);
        for (const leaf of proof.leaves) await checkLeaf(leaf, checkpoint);
        const proven = proof.leaves.map((l) => l.position);
        for (const position of positions) {
            if (!proven.includes(position)) fail('ledger position ' + position + ' is not among the proven leaves ' + proven.join(', '));
        }
        return {positions: proven, checkpoint, keySource: source};
    }

    /* ---------- a small queue, so a long timeline does not send every request at once ---------- */

    const waiting = [];
    let running = 0;

    function schedule(task) {
        return new Promise((resolve, reject) => {
            waiting.push(() => task().then(resolve, reject));
            pump();
        });
    }

    function pump() {
        while (running < MAX_CONCURRENT && waiting.length) {
            const next = waiting.shift();
            running++;
            next().finally(() => { running--; pump(); });
        }
    }

    function cached(entryId, positions, onWaiting) {
        const cacheKey = entryId + '@' + positions.join(',');
        if (!results.has(cacheKey)) {
            const result = schedule(() => verifyEntry(entryId, positions, onWaiting));
            result.catch(() => results.delete(cacheKey));
            results.set(cacheKey, result);
        }
        return results.get(cacheKey);
    }

    /* ---------- the badge ---------- */

    function setBadge(badge, state, text, title) {
        badge.dataset.verify = state;
        badge.className = 'verify verify-' + state;
        badge.textContent = text;
        if (title) badge.title = title; else badge.removeAttribute('title');
    }

    function run(badge) {
        if (badge.dataset.verifyStarted) return;
        badge.dataset.verifyStarted = 'true';
        const positions = (badge.dataset.positions || '').split(',').filter(Boolean).map(Number);
        cached(badge.dataset.entryId, positions,
            () => setBadge(badge, 'pending', 'verifying… (waiting for the next signed checkpoint)'))
            .then((ok) => {
                const c = ok.checkpoint;
                setBadge(badge, 'verified', '✓ verified', 'Checked in this browser: inclusion of ledger position'
                    + (ok.positions.length > 1 ? 's ' : ' ') + ok.positions.join(', ') + ' in the checkpoint of tree size '
                    + c.size + ' of log ' + c.origin + ', whose signature verifies with key ' + c.keyName + '+' + c.keyId
                    + (ok.keySource === 'pinned' ? ' (the key you pinned)' : ' (as the server publishes it)'));
                keyShown(c.keyName + '+' + c.keyId, ok.keySource);
            }, (error) => {
                const reason = error instanceof Failure ? error.message
                    : 'could not check (' + (error && error.message ? error.message : error) + ')';
                setBadge(badge, 'failed', '✗ verification failed: ' + reason,
                    'This entry could not be verified in this browser: ' + reason);
            });
    }

    const observer = 'IntersectionObserver' in window ? new IntersectionObserver((seen) => {
        for (const item of seen) {
            if (item.isIntersecting) { observer.unobserve(item.target); run(item.target); }
        }
    }, {rootMargin: '200px'}) : null;

    /* A badge for an entry, verified once it is near the screen. */
    function badge(entryId, positions) {
        const node = document.createElement('span');
        node.setAttribute('aria-live', 'polite');
        node.dataset.entryId = entryId;
        node.dataset.positions = positions.join(',');
        setBadge(node, 'pending', 'verifying…');
        if (observer) observer.observe(node); else queueMicrotask(() => run(node));
        return node;
    }

    function keyShown(text, source) {
        const place = document.getElementById('verify-key');
        if (place && !place.dataset.keyId) {
            place.dataset.keyId = text;
            place.textContent = 'Entries are checked against key ' + text
                + (source === 'pinned' ? ', which you pinned.' : ', as this server publishes it (pin a key you got elsewhere).');
        }
    }

    return {badge, parseVkey, pinned, pin, served, trustedKey, verifyEntry, hex, Failure};
})();
