/** Extension points of the approval engine: approver resolvers and service-task handlers. */
package dev.oakit.workflow.spi;
