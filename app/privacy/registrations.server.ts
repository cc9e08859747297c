// Every capability's personal-data registration, imported for its side effect. Add one
// line per capability. Erasers run in this order: keep the account last, so the other
// erasers still find the rows that point at the user.
import '~/audit/personal-data.server'
import '~/consent/personal-data.server'
import '~/referrals/personal-data.server'
// Before the monument: blocks quoting a story are found through the story's author.
import '~/documentary/personal-data.server'
import '~/archive/personal-data.server' // before the monument: a story's unsent packages go first
import '~/monument/personal-data.server'
import '~/moderation/personal-data.server'
// After the monument: its erased stories are what the research sweep sends deletion notices for.
import '~/research/personal-data.server'
import '~/triage/personal-data.server'
import '~/scheme/personal-data.server'
import '~/life-stories/personal-data.server'
import '~/assessment/personal-data.server'
import '~/auth/personal-data.server'
