"""The names under which a browser session keeps its state in `st.session_state`, in one place.

A session holds only what a person chose or changed (and what was built from it, kept so a rerun does not
build it again); everything else comes from the cached `Corpus`. A setting's widget is kept under its URL name
(`settings.SETTINGS`); the upload picker's own names are in `picker.py`, a page's own at the top of its file.
"""

DATASET = "mm_dataset"  # the current WordList
CORPUS = "mm_corpus"  # the Corpus derived from it (vocab, counts, split, statistics)
SHARED = "mm_shared"  # whether the dataset is a built-in list (its Corpus comes from a cache every visitor shares)
NOTICE = "mm_notice"  # a message to show once, after the dataset changed
TRAINING = "mm_training"  # TrainingSession
SAMPLING = "mm_sampling"  # SamplingSession
SAMPLE_NOTICE = "mm_sample_notice"  # said once on the Sampling page after a setting restarted the sampler
LINK_CHECKED = "mm_link_checked"  # the link this session opened with has been read (and its problems said)
MOVED = "mm_moved"  # the page this session began on, when it replaced a session lost with its server (a room)
LINK_STEPS = "mm_link_steps"  # the `steps` of that link, until the session's first net replays to it
REMEMBERED = "mm_settings"  # every setting's value as last chosen (by a person, a link or a button)
LAST_PAGE = "mm_last_page"  # the key of the page of the last full run
SPLIT_KEY = "split"  # the sidebar toggle (and URL name): whether the 80/10/10 split is on
LR_FINDER = "mm_lr_finder"  # the learning-rate finder's last result (the MLP) and the net it was for
BEST_K = "mm_best_k"  # (list, order, windows) and the counts model's best add-k on its dev words there
