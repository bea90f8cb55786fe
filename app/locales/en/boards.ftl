# Mentoring boards (issue #5)
board.title_missing = A title is required.
board.title_too_long = The title can be at most 200 characters.
board.body_missing = The work's text is required.
board.body_too_long = The work's text can be at most 100,000 characters.
board.comment_missing = The comment is empty.
board.comment_too_long = A comment can be at most 10,000 characters.
board.no_such_block = The part commented on is not in this version of the work.
board.no_such_comment = The comment replied to is not on this work.
board.no_such_post = Work not found.
