"""Official summary documents (工作总结初稿) drafted from the approved reports: what they say
(content.py) and how they are laid out by GB/T 9704-2012 (layout.py)."""
