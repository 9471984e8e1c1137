"""Kennissessies, workshops, meetups and webinars: registrations, waiting list, check-in, feedback, action items and the LinkedIn checklist."""
