/** The ID map: its repository (both tables) and the service that runs its commands. */
package dev.oakit.integration.internal.idmap;
