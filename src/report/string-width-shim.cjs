// Bundled in place of string-width@4, the width function of cli-table3 (see width.ts for why).
// Only the bundler reads this file; it resolves the compiled width module.
module.exports = require('../../dist/report/width.js').textWidth;
