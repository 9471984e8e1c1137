"""Live learning: kennissessies, LinkedIn-profile workshops, meetups and webinars;
registrations with a waiting list, calendars, reminders, check-in, feedback, the LinkedIn
checklist, meetup action items and the content calendar (inhaakkalender)."""
