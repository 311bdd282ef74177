"""Progress check-ins (/baocaotiendo): coordinators open rounds, members report their
organisation's tasks in a few taps, and say when they are on leave."""
