module.exports = require('../../tools/webpack/app-webpack-config')('runtime-api');
