"""Spanish patient queries as patients type them, each with the page (its English slug) and the
section (the Spanish page's anchor) that answers it: the held-out set. Written blind, by
another writer than relevance_es_sections.py, without the search code, the tests, the synonyms
or the patient-question files; measured once, after the change it measures
(test_spanish_search.py)."""

QUERIES = [
    # --- questions ---
    (
        "¿cuándo me puedo meter a la tina o al jacuzzi después de mi procedimiento?",
        "after-your-procedure",
        "cómo-me-baño-y-cuido-el-lugar-de-la-aguja",
    ),
    (
        "estoy muy nerviosa por la inyeccion, me pueden dar algo para calmarme?",
        "sedation-and-numbing",
        "puedo-pedir-sedación-si-estoy-nervioso",
    ),
    (
        "mi dolor bajo de 6 a 5 despues del tratamiento, eso cuenta como mejoria?",
        "keeping-a-pain-diary",
        "qué-quiere-decir-un-cambio-en-el-número",
    ),
    (
        "no tengo aseguranza, me tienen que dar el precio antes de la cita?",
        "costs-insurance-and-prior-authorization",
        "qué-pasa-si-no-tengo-seguro-o-pago-yo-mismo",
    ),
    (
        "me da miedo la inyeccion, puedo cambiar de opinion el mismo dia?",
        "is-a-procedure-right-for-me",
        "cómo-decidimos-juntos-mi-médico-y-yo",
    ),
    ("¿la inyección me va a quitar el dolor para siempre?", "what-is-interventional-pain-management", "no-es-una-cura"),
    ("tengo diabetes y los pies dormidos, puedo andar descalzo en la casa?", "nerve-pain-neuropathy", "proteger-sus-pies"),
    (
        "me operaron la espalda hace un año y me sigue doliendo la pierna, me opero otra vez?",
        "pain-after-spine-surgery",
        "sirve-otra-cirugía",
    ),
    (
        "tengo siatica, es mejor quedarme acostado en la cama?",
        "sciatica-and-radiculopathy",
        "cómo-puede-cuidarse-y-mantenerse-activo",
    ),
    (
        "la inyeccion en la espalda me puede dejar paralitico o ciego?",
        "epidural-steroid-injection",
        "qué-dice-la-advertencia-de-la-fda",
    ),
    (
        "puedo cargar a mi bebe en la sillita del carro despues del parche de sangre?",
        "epidural-blood-patch",
        "actividad-y-manejar",
    ),
    (
        "inyeccion facetaria y bloqueo de rama medial no son lo mismo?",
        "facet-joint-injection",
        "en-qué-se-diferencia-de-un-bloqueo-de-la-rama-medial",
    ),
    (
        "me ponen cortisona en la rodilla cada 3 meses, me esta gastando el cartilago?",
        "hip-shoulder-and-knee-joint-injections",
        "las-inyecciones-de-esteroide-repetidas-dañan-la-rodilla",
    ),
    (
        "por que usan rayos x para la inyeccion en la sacroiliaca?",
        "sacroiliac-joint-injection",
        "por-qué-importa-la-imagen-que-guía-la-aguja",
    ),
    ("puedo comer antes de la inyeccion en el nudo del musculo?", "trigger-point-injection", "cómo-me-preparo"),
    (
        "en la radiografia salio que se salio un poco de cemento del hueso, es malo?",
        "vertebroplasty-and-kyphoplasty",
        "qué-pasa-si-se-sale-el-cemento",
    ),
    ("cuantas pastillas de tylenol puedo tomar en un dia?", "pain-medicines-without-opioids", "cuánto-es-demasiado"),
    (
        "el dolor se siente diferente al de siempre y tengo fiebre, es solo un brote?",
        "planning-for-flare-ups",
        "cuándo-no-es-una-crisis",
    ),
    ("mi doctor me mando al psicologo, cree que el dolor es mental?", "psychological-therapies-for-pain", "mi-dolor-es-real"),
    (
        "me duele cuando hago ejercicio, me estoy lastimando mas?",
        "staying-active-and-physical-therapy",
        "dolor-quiere-decir-daño",
    ),
    (
        "despues del bloqueo para el dolor del cancer de pancreas tengo diarrea y me mareo al pararme, es normal?",
        "celiac-plexus-and-cancer-pain-blocks",
        "efectos-secundarios-comunes",
    ),
    (
        "por que me tienen que hacer el bloqueo de prueba dos veces?",
        "medial-branch-block",
        "por-qué-puede-necesitar-dos-bloqueos",
    ),
    (
        "bloqueo de raiz nerviosa es lo mismo que la epidural?",
        "selective-nerve-root-block",
        "qué-tiene-que-ver-con-una-inyección-epidural-de-esteroides",
    ),
    ("puedo manejar con los cables de la prueba del estimulador puestos?", "spinal-cord-stimulation", "manejar"),
    (
        "por que tengo que ver al psicologo antes del estimulador?",
        "spinal-cord-stimulation",
        "por-qué-la-consulta-con-un-psicólogo",
    ),
    (
        "puedo pasar por el detector de metales del aeropuerto con el estimulador?",
        "living-with-an-implanted-device",
        "qué-pasa-en-los-aeropuertos-y-en-la-seguridad-de-las-tiendas",
    ),
    ("cada cuanto tengo que ir a que me llenen la bomba de morfina?", "intrathecal-pain-pump", "cómo-son-los-rellenos"),
    (
        "estimulador drg o estimulador normal para el dolor del pie, cual funciona mejor?",
        "dorsal-root-ganglion-stimulation",
        "qué-tan-bien-funciona",
    ),
    ("quemar los nervios de la espalda cuanto dura el alivio?", "radiofrequency-ablation-back-and-neck", "qué-tan-bien-funciona"),
    (
        "quemar los nervios de la rodilla me va a dejar la pierna debil?",
        "genicular-radiofrequency-ablation",
        "qué-es-la-ablación-por-radiofrecuencia-de-los-nervios-de-la-rodilla",
    ),
    ("tengo osteoporosis, me puedo hacer el intracept?", "basivertebral-nerve-ablation", "quién-no-debe-hacérselo"),
    (
        "despues de quemar los nervios de la sacroiliaca me duele estar sentado mucho rato, es normal?",
        "sacroiliac-joint-radiofrequency-ablation",
        "cómo-es-la-recuperación",
    ),
    ("ketamina por suero para el dolor, sirve?", "new-treatments-being-studied", "qué-son-las-infusiones-de-ketamina"),
    ("¿si bajo de peso me va a doler menos la rodilla?", "knee-arthritis-pain", "peso"),
    # --- short phrases ---
    (
        "gripa y calentura un dia antes de la inyeccion",
        "preparing-for-your-procedure",
        "y-si-se-siente-mal-fiebre-infección-o-resfriado",
    ),
    (
        "eliquis cuando volver a tomarlo despues de la inyeccion",
        "blood-thinners-and-pain-procedures",
        "cuándo-vuelvo-a-tomar-mi-medicina",
    ),
    ("insulina despues de inyeccion de cortisona en la espalda", "diabetes-and-steroid-shots", "qué-pasa-si-usa-insulina"),
    (
        "embarazada y me duelen los huesos de la cadera al caminar y voltearme en la cama",
        "pregnancy-and-breastfeeding",
        "qué-pasa-con-el-dolor-de-pelvis-y-de-espalda-baja-en-el-embarazo",
    ),
    (
        "cada inyecsion me dura menos que la anterior",
        "when-a-procedure-does-not-help",
        "cuándo-dejan-de-valer-la-pena-las-inyecciones-repetidas",
    ),
    ("el seguro nego la inyeccion que hacer", "costs-insurance-and-prior-authorization", "qué-pasa-si-mi-seguro-dice-que-no"),
    ("radiacion de los rayos x en la inyeccion es peligrosa", "image-guided-procedures", "cuánta-radiación-voy-a-recibir"),
    ("dejar la oxicodona de un dia para otro", "cutting-down-on-opioids-safely", "por-qué-no-debe-dejarlo-de-golpe"),
    ("cada doctor me dice algo diferente sobre mi dolor", "working-with-a-pain-care-team", "y-si-su-cuidado-se-siente-dividido"),
    ("el pie me arde y cambia de color desde que me torci el tobillo", "complex-regional-pain-syndrome", "qué-síntomas-causa"),
    ("dolor de espalda baja al echarme para atras y tieso en las mañanas", "facet-joint-arthritis", "cuáles-son-los-síntomas"),
    (
        "pastillas para el dolor de cabeza todos los dias y cada vez me duele mas",
        "headaches-and-nerve-blocks",
        "pueden-las-pastillas-para-el-dolor-causar-dolor-de-cabeza",
    ),
    ("manos torpes no puedo abrochar botones dolor de cuello", "neck-pain-and-pinched-nerves", "cuándo-es-grave"),
    ("dolor en la nalga de un lado al bajarme del carro", "sacroiliac-joint-pain", "cuáles-son-los-síntomas"),
    ("dolor en las piernas al caminar se quita al sentarme", "spinal-stenosis", "cuáles-son-los-síntomas"),
    (
        "cuido a mi esposo con dolor cronico y ya no puedo mas",
        "finding-support",
        "qué-ayuda-hay-para-la-familia-y-los-cuidadores",
    ),
    ("ronco mucho y tomo oxicodona", "sleep-and-pain", "cuándo-preguntar-por-la-apnea-del-sueño"),
    ("bloqueo de nervios de rodilla despues de reemplazo de rodilla", "genicular-nerve-block", "a-quién-le-puede-ayudar"),
    ("dolor en la ingle despues del bloqueo simpatico", "lumbar-sympathetic-block", "efectos-secundarios-menos-comunes"),
    ("se me cayo el pelo donde me inyectaron en la nuca", "occipital-nerve-block", "efectos-secundarios-del-esteroide"),
    (
        "bloqueo de nervio para dolor en la ingle despues de operacion de hernia",
        "peripheral-nerve-blocks",
        "qué-nervios-se-bloquean",
    ),
    ("parpado caido y voz ronca despues de la inyeccion en el cuello", "stellate-ganglion-block", "qué-efectos-son-esperados"),
    (
        "se quedo un pedacito del cable del estimulador de 60 dias debajo de la piel",
        "peripheral-nerve-stimulation",
        "qué-problemas-son-menos-comunes-o-raros",
    ),
    ("diferencia entre quemar el nervio y radiofrecuencia pulsada", "pulsed-radiofrequency", "qué-es-la-radiofrecuencia-pulsada"),
    ("inyeccion de plaquetas para el dolor del talon", "platelet-rich-plasma", "a-quién-le-puede-ayudar"),
    (
        "clinica me quiere cobrar 5000 dolares en efectivo por celulas madre para la rodilla",
        "stem-cell-therapy",
        "cómo-reconocer-una-clínica-que-vende-tratamientos-no-comprobados",
    ),
]
