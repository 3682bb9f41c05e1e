"""Section-level relevance set for the site search.

Each entry is (query, article slug, section anchor without '#'): the query a
patient might type, the one article that should answer it, and the section of
that article whose text actually answers it.

How it was written:
- The 56 queries of the old article-level set (relevance_queries.py) are kept
  word for word, with the same article. Each now names the section that best
  answers it; for a name-only query ("ESI", "blood patch") that is the section
  that says what the thing is.
- The new queries were written from the articles' text alone, in the way
  patients type: lower case, lay words ("nerve burn", "back shot", "the
  stimulator thing"), some misspellings (about 1 in 8), most questions
  without a question mark. They
  cover practical questions (aftercare, driving, showering, work, numbness,
  pain after, blood sugar, blood thinners, costs, pregnancy, devices and MRI,
  how long relief lasts, what to do if it did not help, when to call), body
  part + generic treatment word queries, and queries whose key word is in a
  dedicated article's title.
- The search code and its results were not looked at. Every expected section
  was read to check that its text answers the query. Queries that two
  articles answer about equally (for example general driving or "when to
  call" questions, which nearly every procedure page covers) were avoided.
- pain-medicines-without-opioids has no entry in the section list used to
  check anchors, so no query points to it.
"""

QUERIES = [
    # --- the 56 queries of the old set, now with a section ---------------
    ("back shot for sciatica", "epidural-steroid-injection", "who-may-it-help"),
    ("epidural", "epidural-steroid-injection", "what-is-an-epidural-steroid-injection"),
    ("epideral", "epidural-steroid-injection", "what-is-an-epidural-steroid-injection"),
    ("ESI", "epidural-steroid-injection", "what-is-an-epidural-steroid-injection"),
    ("can I drive after an epidural", "epidural-steroid-injection", "activity-and-driving"),
    ("steroid shot in the back", "epidural-steroid-injection", "what-is-an-epidural-steroid-injection"),
    ("burning the nerves", "radiofrequency-ablation-back-and-neck", "what-is-radiofrequency-ablation"),
    ("RFA", "radiofrequency-ablation-back-and-neck", "what-is-radiofrequency-ablation"),
    ("radio frequency", "radiofrequency-ablation-back-and-neck", "what-is-radiofrequency-ablation"),
    ("radiofrequency ablation knee", "genicular-radiofrequency-ablation", "what-is-genicular-radiofrequency-ablation"),
    ("nerve burning for knee arthritis", "genicular-radiofrequency-ablation", "what-is-genicular-radiofrequency-ablation"),
    ("pain pump", "intrathecal-pain-pump", "what-is-an-intrathecal-pain-pump"),
    ("morphine pump in the spine", "intrathecal-pain-pump", "what-is-an-intrathecal-pain-pump"),
    ("stimulator", "spinal-cord-stimulation", "what-is-spinal-cord-stimulation"),
    ("SCS trial", "spinal-cord-stimulation", "two-steps-a-trial-then-an-implant"),
    ("spinal cord stimulator battery", "spinal-cord-stimulation", "battery-choices"),
    ("DRG", "dorsal-root-ganglion-stimulation", "what-is-dorsal-root-ganglion-stimulation"),
    ("PRP", "platelet-rich-plasma", "what-is-prp"),
    ("platelet injection knee", "platelet-rich-plasma", "how-well-does-it-work"),
    ("stem cells for back pain", "stem-cell-therapy", "who-may-it-help"),
    ("is stem cell therapy approved", "stem-cell-therapy", "what-is-stem-cell-therapy"),
    ("CRPS", "complex-regional-pain-syndrome", "what-is-crps"),
    ("reflex sympathetic dystrophy", "complex-regional-pain-syndrome", "what-is-crps"),
    ("sciatika", "sciatica-and-radiculopathy", "what-is-sciatica"),
    ("pinched nerve", "sciatica-and-radiculopathy", "what-is-sciatica"),
    ("pain down my leg", "sciatica-and-radiculopathy", "symptoms"),
    ("narrowing of the spine", "spinal-stenosis", "what-is-spinal-stenosis"),
    ("SI joint", "sacroiliac-joint-pain", "what-is-the-si-joint"),
    ("sacroiliac injection", "sacroiliac-joint-injection", "what-is-a-sacroiliac-joint-injection"),
    ("headache after spinal tap", "epidural-blood-patch", "what-is-an-epidural-blood-patch"),
    ("blood patch", "epidural-blood-patch", "what-is-an-epidural-blood-patch"),
    ("muscle knots shot", "trigger-point-injection", "what-is-a-trigger-point-injection"),
    ("occipital headache block", "occipital-nerve-block", "what-is-an-occipital-nerve-block"),
    ("test block before ablation", "medial-branch-block", "what-is-a-medial-branch-block"),
    ("medial branch", "medial-branch-block", "what-is-a-medial-branch-block"),
    ("stellate ganglion", "stellate-ganglion-block", "what-is-a-stellate-ganglion-block"),
    ("blood thinners before procedure", "preparing-for-your-procedure", "blood-thinners-do-not-stop-them-on-your-own"),
    ("will I be awake", "sedation-and-numbing", "will-i-be-awake"),
    ("twilight sleep", "sedation-and-numbing", "what-is-the-difference-between-numbing-and-sedation"),
    ("pain diary", "keeping-a-pain-diary", "why-keep-a-pain-diary"),
    ("coming off opioids", "cutting-down-on-opioids-safely", "how-a-slow-taper-works"),
    ("opiod taper", "cutting-down-on-opioids-safely", "how-a-slow-taper-works"),
    ("live x-ray", "image-guided-procedures", "live-x-ray-fluoroscopy"),
    ("fluoroscopy", "image-guided-procedures", "live-x-ray-fluoroscopy"),
    ("failed back surgery", "pain-after-spine-surgery", "what-is-it"),
    ("diabetic nerve pain feet", "nerve-pain-neuropathy", "causes"),
    ("knee arthritis", "knee-arthritis-pain", "what-is-knee-arthritis"),
    ("cant sleep because of pain", "sleep-and-pain", "how-pain-and-sleep-affect-each-other"),
    ("flare up plan", "planning-for-flare-ups", "write-your-flare-up-plan"),
    ("CBT for pain", "psychological-therapies-for-pain", "cognitive-behavioral-therapy-cbt"),
    ("physio exercises", "staying-active-and-physical-therapy", "what-a-physical-therapist-does"),
    ("what to do after my injection", "after-your-procedure", "the-first-24-hours"),
    ("basivertebral", "basivertebral-nerve-ablation", "what-is-basivertebral-nerve-ablation"),
    ("vertebrogenic back pain", "basivertebral-nerve-ablation", "what-is-basivertebral-nerve-ablation"),
    ("facet joint injection", "facet-joint-injection", "what-is-a-facet-joint-injection"),
    ("arthritis in the spine joints", "facet-joint-arthritis", "what-are-facet-joints"),
    # --- practical questions ------------------------------------------------
    ("can i shower after my nerve burn", "radiofrequency-ablation-back-and-neck", "recovery"),
    ("how long does releif from rfa last", "radiofrequency-ablation-back-and-neck", "how-well-does-it-work"),
    ("how long will an epidural shot last", "epidural-steroid-injection", "how-well-does-it-work"),
    ("how many epidurals can i have in a year", "epidural-steroid-injection", "why-there-is-a-limit-on-how-many-you-can-have"),
    ("can i go back to work the day after my injection?", "after-your-procedure", "going-back-to-work"),
    ("can i take a bath after my shot", "after-your-procedure", "bathing-and-caring-for-the-needle-spot"),
    (
        "is it normal my pain got worse after the cortisone shot",
        "after-your-procedure",
        "your-pain-may-get-worse-before-it-gets-better",
    ),
    ("back shot didnt work after 3 days should i give up", "when-a-procedure-does-not-help", "have-you-waited-long-enough"),
    ("is it worth getting another shot if the first one did nothing", "when-a-procedure-does-not-help", "will-a-second-try-help"),
    ("can i just turn off my stimulator if its not helping", "when-a-procedure-does-not-help", "turning-it-off"),
    (
        "diabetic what do i do about my sugar the week after a steriod shot",
        "diabetes-and-steroid-shots",
        "for-one-week-after-the-shot",
    ),
    ("why does a steroid shot raise my blood sugar", "diabetes-and-steroid-shots", "why-does-a-steroid-raise-blood-sugar"),
    (
        "does aspirin count as a blood thinner?",
        "blood-thinners-and-pain-procedures",
        "medicines-that-stop-clotting-cells-sticking-together",
    ),
    ("when do i restart my eliquis after the procedure?", "blood-thinners-and-pain-procedures", "starting-your-medicine-again"),
    ("who decides if i stop my warfarin before the injection", "blood-thinners-and-pain-procedures", "who-decides"),
    (
        "how much does a stimulator cost over the years",
        "costs-insurance-and-prior-authorization",
        "what-do-devices-cost-over-time",
    ),
    ("what if my insurence denies the injection", "costs-insurance-and-prior-authorization", "what-if-my-plan-says-no"),
    (
        "i dont have insurance how do i know what the shot will cost",
        "costs-insurance-and-prior-authorization",
        "what-if-i-do-not-have-insurance-or-pay-myself",
    ),
    ("is it safe to get a steroid shot while pregnent", "pregnancy-and-breastfeeding", "what-about-steroid-shots"),
    ("can i breastfeed after a back shot?", "pregnancy-and-breastfeeding", "what-about-steroid-shots"),
    (
        "i got pregnant and i have a spinal cord stimulator what now",
        "pregnancy-and-breastfeeding",
        "what-if-i-have-a-stimulator-or-a-pain-pump",
    ),
    ("getting an mri with my stimulator what do i need to bring", "living-with-an-implanted-device", "mri-scans-and-other-tests"),
    (
        "will the stimulator thing set off the airport metal detector",
        "living-with-an-implanted-device",
        "airports-and-store-security",
    ),
    (
        "red swollen skin over my stimulator on a weekend who do i call",
        "living-with-an-implanted-device",
        "problems-at-night-or-on-weekends",
    ),
    ("what does it mean when my pain pump alarm goes off", "intrathecal-pain-pump", "living-with-a-pump"),
    ("how often does the pain pump need refiling?", "intrathecal-pain-pump", "refills"),
    ("can i shower during my stimulator trial", "spinal-cord-stimulation", "the-trial"),
    (
        "why do i have to see a psychologist before getting a stimulator",
        "spinal-cord-stimulation",
        "the-check-with-a-psychologist",
    ),
    ("how long after sedation until i can drive", "sedation-and-numbing", "can-i-drive-afterwards"),
    ("why cant i eat before the procedure?", "sedation-and-numbing", "why-cant-i-eat-before-sedation"),
    ("does the needle hurt going in?", "sedation-and-numbing", "does-the-numbing-shot-hurt"),
    ("does someone have to stay with me the night after sedation", "sedation-and-numbing", "should-someone-stay-with-me-at-home"),
    ("how long does the numbing take to wear off?", "sedation-and-numbing", "how-long-does-it-take-to-wear-off"),
    (
        "i have a cold should i still go for my injection",
        "preparing-for-your-procedure",
        "if-you-feel-unwell-fever-infection-or-a-cold",
    ),
    ("my leg is numb and weak after the nerve block can i walk on it", "peripheral-nerve-blocks", "if-a-leg-is-numb-or-weak"),
    ("why is my foot so warm after the nerve block in my back", "lumbar-sympathetic-block", "why-your-leg-gets-warm"),
    ("why is my eyelid droopy after the shot in my neck", "stellate-ganglion-block", "expected-effects"),
    ("how much radiation do i get from the xray during my shot?", "image-guided-procedures", "how-much-radiation-will-i-get"),
    ("im alergic to shellfish can i have the dye", "image-guided-procedures", "what-if-i-have-an-allergy"),
    (
        "do repeated cortisone shots ruin your knee",
        "hip-shoulder-and-knee-joint-injections",
        "do-repeated-steroid-shots-harm-the-knee",
    ),
    ("can i take sleeping pills with my pain meds?", "sleep-and-pain", "what-about-sleeping-pills"),
    (
        "can taking too many painkillers give me headaches",
        "headaches-and-nerve-blocks",
        "too-many-pain-pills-can-cause-headaches",
    ),
    ("is it safe to stop my oxycodone all at once", "cutting-down-on-opioids-safely", "why-you-must-not-stop-suddenly"),
    ("what if i cant get off my opiods", "cutting-down-on-opioids-safely", "if-you-find-it-hard-to-cut-down"),
    ("what does a 5 out of 10 mean in my pain diary", "keeping-a-pain-diary", "how-the-0-to-10-pain-scale-works"),
    (
        "my doctor sent me to a pyschologist does she think my pain is in my head",
        "psychological-therapies-for-pain",
        "your-pain-is-real",
    ),
    ("is it ok to exercise if it hurts?", "staying-active-and-physical-therapy", "hurt-versus-harm"),
    ("should i stay in bed during a flare up?", "planning-for-flare-ups", "keep-moving-but-do-less"),
    # --- body part + generic treatment word ----------------------------------
    ("shot in my hip", "hip-shoulder-and-knee-joint-injections", "the-hip-shoulder-and-knee"),
    ("cortizone shot shoulder does it work", "hip-shoulder-and-knee-joint-injections", "shoulder"),
    ("nerve block for knee pain", "genicular-nerve-block", "what-is-a-genicular-nerve-block"),
    ("nerve block for pain in the back of my head", "occipital-nerve-block", "what-is-an-occipital-nerve-block"),
    ("injection for buttock pain on one side", "sacroiliac-joint-injection", "what-is-a-sacroiliac-joint-injection"),
    (
        "nerve burning for pain low in my back and butt near the tailbone",
        "sacroiliac-joint-radiofrequency-ablation",
        "what-is-sacroiliac-joint-radiofrequency-ablation",
    ),
    ("nerve block in my back for crps in my leg", "lumbar-sympathetic-block", "who-may-it-help"),
    ("shot in the neck for crps in my hand", "stellate-ganglion-block", "who-may-it-help"),
    (
        "cement injection for a broken bone in my back",
        "vertebroplasty-and-kyphoplasty",
        "what-are-vertebroplasty-and-kyphoplasty",
    ),
    ("nerve block for cancer pain in my stomach", "celiac-plexus-and-cancer-pain-blocks", "what-are-these-blocks"),
    ("shots for tight knots in my neck and shoulders", "trigger-point-injection", "who-may-it-help"),
    ("stimulator for shoulder pain", "peripheral-nerve-stimulation", "who-may-it-help"),
    ("nerve block for shingels pain in my ribs", "peripheral-nerve-blocks", "which-nerves"),
    # --- key word from a dedicated article's title + common words -----------
    ("cant sleep because of back pain", "sleep-and-pain", "how-pain-and-sleep-affect-each-other"),
    ("napping during the day when pain keeps me up at night", "sleep-and-pain", "be-careful-with-naps"),
    ("support groups for people with cronic pain", "finding-support", "groups-for-people-with-pain"),
    ("pinched nerve in my neck and my arm tingles", "neck-pain-and-pinched-nerves", "symptoms"),
    ("spinal stenossis legs hurt when i walk", "spinal-stenosis", "symptoms"),
    ("nueropathy numb feet how to look after them", "nerve-pain-neuropathy", "protect-your-feet"),
    ("still have pain after my spine surgery", "pain-after-spine-surgery", "what-is-it"),
    ("still hurts after my spine surgury should i get another operation", "pain-after-spine-surgery", "more-surgery"),
    ("ketamine infusion for pain", "new-treatments-being-studied", "ketamine-infusions"),
    ("what is prior authorization for my injection", "costs-insurance-and-prior-authorization", "what-is-prior-authorization"),
    ("blood thinners and a stimulator implant", "blood-thinners-and-pain-procedures", "high-bleeding-risk"),
    (
        "pregnant with bad back pain what treatments can i still have",
        "pregnancy-and-breastfeeding",
        "which-pain-treatments-may-still-be-an-option",
    ),
    ("does my family doctor stay on my pain care team", "working-with-a-pain-care-team", "your-family-doctor"),
    (
        "is a procedure right for me or should i try physical therapy first",
        "is-a-procedure-right-for-me",
        "physical-therapy-and-exercise",
    ),
]
