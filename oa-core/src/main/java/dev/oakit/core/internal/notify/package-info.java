/**
 * Notifications: templates ({@code TemplateRegistry}), one delivery job per recipient and channel
 * ({@code DeliveryJob}), the built-in channels (e-mail, chat robots, the log), recipients resolved
 * through the directory, and the {@code Notifications} API ({@code NotificationsService}).
 */
package dev.oakit.core.internal.notify;
