package dev.oakit.http.internal.workbench;

import java.util.List;

/**
 * A group of workbench pages that comes with one engine plugin (approvals, tickets, admin): its routes and its
 * navigation entries. {@code OaWorkbenchServlet} adds a group when the plugin's services are present.
 */
public interface PageGroup {
    /** @return the group's pages and form targets */
    List<PageRoute> routes();

    /** @return the group's navigation entries, in order */
    List<NavItem> nav();
}
