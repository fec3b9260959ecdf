"""The task board: real digital work for trainees, claimed, done, reviewed, timed, and credited."""
