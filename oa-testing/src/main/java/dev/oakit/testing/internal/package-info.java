/** The runtime behind oa-testing's extension (booting, due jobs, class-path definitions, acting as users); no compatibility promise. */
package dev.oakit.testing.internal;
