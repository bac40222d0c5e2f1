"""International function messages of ITU-R M.1371 (DAC 1, FI 0-5), carried by message 6
(and FI 0 also by message 8).

Facts: ITU-R M.1371-5, Annex 5, "International function messages" (IFM 2-5); IFM 0, the
text telegram of M.1371-1, as libais (Apache-2.0) and pyais (MIT) decode it. AIVDM.adoc does
not describe these. The bit lengths of the real messages in the shared logs agree: 6/1/2 and
6/1/3 are 104 bits, 6/1/4 is 232 bits.
"""

from __future__ import annotations

from aiswatch.ais import apps
from aiswatch.ais.fields import Item, Repeat, b, e, t, u, x

# IFM 0: text telegram (acknowledge-required flag, text sequence number, six-bit text).
TEXT_TELEGRAM_6: tuple[Item, ...] = (
    b("ack_required"),
    u("msg_seq", 11),
    t("text", 906, variable=True),
)
TEXT_TELEGRAM_8: tuple[Item, ...] = (
    b("ack_required"),
    u("msg_seq", 11),
    t("text", 936, variable=True),
)

# IFM 2: interrogation for a specific function message (104 bits).
INTERROGATION: tuple[Item, ...] = (u("req_dac", 10), u("req_fid", 6))

# IFM 3: capability interrogation - which FIs of a DAC the station supports (104 bits).
CAPABILITY_INTERROGATION: tuple[Item, ...] = (u("req_dac", 10), x("spare2", 6))

# IFM 4: capability reply (232 bits): the DAC, then for each of the 64 FIs of that DAC an
# availability bit and a reserved bit.
CAPABILITY_REPLY: tuple[Item, ...] = (
    u("ack_dac", 10),
    Repeat("capabilities", (b("available"), x("reserved", 1)), 64, doc="FI 0-63, in order"),
    x("spare2", 6),
)

# IFM 5: application acknowledgement to an addressed binary message (168 bits).
# ai_response: 0 = unable to respond, 1 = reception acknowledged, 2 = response to follow,
# 3 = able to respond but currently inhibited, 4-7 spare.
ACKNOWLEDGEMENT: tuple[Item, ...] = (
    u("ack_dac", 10),
    u("ack_fid", 6),
    u("seq", 11),
    b("ai_available"),
    e("ai_response", 3),
    x("spare2", 49),
)

apps.register(6, 1, 0, "Text telegram", TEXT_TELEGRAM_6)
apps.register(8, 1, 0, "Text telegram", TEXT_TELEGRAM_8)
apps.register(6, 1, 2, "Interrogation for a specific function message", INTERROGATION)
apps.register(6, 1, 3, "Capability interrogation", CAPABILITY_INTERROGATION)
apps.register(6, 1, 4, "Capability reply", CAPABILITY_REPLY)
apps.register(6, 1, 5, "Application acknowledgement", ACKNOWLEDGEMENT)
