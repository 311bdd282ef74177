"""The plan's tasks in the chat (/nhiemvu): members update their organisation's status,
coordinators follow progress in their scope, admins import, edit and export."""
