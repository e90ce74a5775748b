/**
 * N/crypto/random for @oracle/suitecloud-unit-testing, which 1.9.1 lacks: the three functions NetSuite
 * documents (article_0526122721), empty like Oracle's own stubs so that jest.mock() makes them mockable.
 */
/* global define */
define([], function () {
  var random = function () {};

  /** @returns {string} an RFC 4122 version 4 UUID */
  random.prototype.generateUUID = function () {};

  /** @param {{ size: number }} _options @returns {Uint8Array} */
  random.prototype.generateBytes = function (_options) {};

  /** @param {{ max: number, min?: number }} _options max exclusive @returns {number} */
  random.prototype.generateInt = function (_options) {};

  return new random();
});
