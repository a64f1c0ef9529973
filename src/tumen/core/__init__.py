"""The bottom layer: errors, EDTF dates, text (tokens, stop words, months, sentences,
names), links and files. It imports nothing else from tumen."""
