"""Programme cohorts and the trainees' profiles: who is in the training-and-insertion programme, and how it ended."""
