/**
 * Pieces the fakes share that hosts do not use: no compatibility promise.
 */
package dev.oakit.fakes.internal;
