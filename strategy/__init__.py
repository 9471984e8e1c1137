"""Why the programme exists: goals, key messages, audiences, guidelines and the content calendar."""
