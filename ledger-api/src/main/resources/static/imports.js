/* imports: see index.html */
'use strict';
