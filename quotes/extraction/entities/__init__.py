"""The people and bodies an article names, so every mention resolves to one entity and full name.

One pass over the capitalised runs of the text. Each run is cleaned (titles, roles, suffixes and
possessives come off), classed as a person, an organisation or an outlet, and linked to an
entity met earlier ("Nolan" after "Christopher Nolan", "Sir Alan" after "Sir Alan Reeve").

`build_registry` is the pass; each module of the package holds one part of it:

- `scan`: the pass itself: which runs are read, runs joined into one name, nicknames;
- `runs`: where a name may lie: the runs of capitalised words (`RUN_RE`, `find_runs`);
- `headlines`: a headline's Title Case run cut at its verb ("Ben Affleck Talks Up Cast");
- `trim`: which words of a run are a name: labels, dates and datelines dropped, leading
  words, possessive owners and suffixes taken off;
- `classify`: what a trimmed name is in its context (a person, a body, an outlet, a work, an
  office) and the mention it makes;
- `names`: what a name's own words say (a given name's sex, a body's name, `_shape`);
- `roles`: titles and roles: the role words, titles before a name, roles its context gives;
- `registry`: `Entity`, `Mention` and the `Registry` of who is who.
"""

from ..lexicon import ROLE_GROUPS
from .headlines import HEADLINE_VERBS, title_case_line
from .names import gender_of_first_name
from .registry import Entity, Mention, Registry
from .roles import OFFICE_QUALIFIERS, ROLE_KEYS, STANDALONE_TITLES
from .runs import RUN_RE, find_runs
from .scan import build_registry

__all__ = [
    "HEADLINE_VERBS",
    "OFFICE_QUALIFIERS",
    "ROLE_GROUPS",
    "ROLE_KEYS",
    "RUN_RE",
    "STANDALONE_TITLES",
    "Entity",
    "Mention",
    "Registry",
    "build_registry",
    "find_runs",
    "gender_of_first_name",
    "title_case_line",
]
