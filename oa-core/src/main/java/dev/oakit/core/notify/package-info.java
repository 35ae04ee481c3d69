/**
 * Notifications for hosts: send a templated message to users through channels (log, email,
 * WeCom / DingTalk / Feishu group robots, or a plugin's own), with per-user channel preferences
 * and durable, retried delivery after the sending command commits. Start at
 * {@link dev.oakit.core.notify.Notifications}.
 */
package dev.oakit.core.notify;
