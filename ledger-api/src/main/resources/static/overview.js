/* overview: see index.html */
'use strict';
