/* search: see index.html */
'use strict';
