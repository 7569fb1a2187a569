-- uncaught error with a message spanning several lines
error("line one\nline two\nline three", 0)
