"""Spanish patient queries as patients type them, each with the page (its English slug) and the
section (the Spanish page's anchor) that answers it. Written blind, without the search code,
the tests, the synonyms or the patient-question files; looked at while English's rule for a
page's sections was given to Spanish (test_spanish_search.py)."""

QUERIES = [
    # after-your-procedure
    ("¿me puedo meter a la tina despues de la inyecsion?", "after-your-procedure", "cómo-me-baño-y-cuido-el-lugar-de-la-aguja"),
    (
        "tengo la cara roja y caliente despues de la inyeccion de cortisona es normal",
        "after-your-procedure",
        "qué-efectos-secundarios-puede-dar-un-esteroide",
    ),
    (
        "trabajo en construccion, ¿cuando puedo regresar al trabajo despues del bloqueo?",
        "after-your-procedure",
        "cuándo-puedo-volver-al-trabajo",
    ),
    # basivertebral-nerve-ablation
    (
        "tengo marcapasos, ¿me pueden quemar el nervio dentro del hueso de la columna?",
        "basivertebral-nerve-ablation",
        "quién-no-debe-hacérselo",
    ),
    # blood-thinners-and-pain-procedures
    (
        "¿cuando vuelvo a tomar el xarelto despues del procedimiento?",
        "blood-thinners-and-pain-procedures",
        "cuándo-vuelvo-a-tomar-mi-medicina",
    ),
    (
        "tengo un stent en el corazon, es peligroso dejar el plavix para la inyeccion",
        "blood-thinners-and-pain-procedures",
        "depende-también-de-por-qué-la-toma",
    ),
    # celiac-plexus-and-cancer-pain-blocks
    (
        "mi papa tiene cancer de pancreas y la morfina ya no le calma el dolor, ¿hay alguna inyeccion?",
        "celiac-plexus-and-cancer-pain-blocks",
        "a-quién-le-puede-ayudar",
    ),
    # complex-regional-pain-syndrome
    (
        "mi pie cambia de color y me duele hasta con la sabana despues de la fractura",
        "complex-regional-pain-syndrome",
        "qué-síntomas-causa",
    ),
    ("terapia de espejo para el dolor de la mano", "complex-regional-pain-syndrome", "terapia-física-y-terapia-de-la-mano"),
    # costs-insurance-and-prior-authorization
    (
        "el seguro me nego la inyeccion, ¿que hago?",
        "costs-insurance-and-prior-authorization",
        "qué-pasa-si-mi-seguro-dice-que-no",
    ),
    (
        "no tengo aseguranza, ¿cuanto me va a costar?",
        "costs-insurance-and-prior-authorization",
        "qué-pasa-si-no-tengo-seguro-o-pago-yo-mismo",
    ),
    # cutting-down-on-opioids-safely
    ("quiero dejar la oxicodona de un jalon", "cutting-down-on-opioids-safely", "por-qué-no-debe-dejarlo-de-golpe"),
    ("¿necesito tener narcan en la casa?", "cutting-down-on-opioids-safely", "por-qué-tener-naloxona-en-casa"),
    # diabetes-and-steroid-shots
    (
        "¿por que se me subio el azucar despues de la inyeccion de esteroide?",
        "diabetes-and-steroid-shots",
        "por-qué-un-esteroide-sube-el-azúcar-en-la-sangre",
    ),
    # dorsal-root-ganglion-stimulation
    (
        "despues del implante del estimulador drg ¿cuanto tiempo sin agacharme?",
        "dorsal-root-ganglion-stimulation",
        "cómo-es-la-recuperación",
    ),
    # epidural-blood-patch
    (
        "despues de la epidural del parto me duele mucho la cabeza cuando me siento",
        "epidural-blood-patch",
        "a-quién-le-puede-ayudar",
    ),
    ("¿puedo cargar a mi bebe despues del parche de sangre?", "epidural-blood-patch", "actividad-y-manejar"),
    # epidural-steroid-injection
    (
        "¿es malo ponerse muchas inyecciones de cortisona en la columna?",
        "epidural-steroid-injection",
        "por-qué-hay-un-límite-de-cuántas-puede-recibir",
    ),
    ("¿la epidural de esteroides puede dejarme paralitico?", "epidural-steroid-injection", "qué-dice-la-advertencia-de-la-fda"),
    # facet-joint-arthritis
    ("me duele la espalda baja al echarme para atras y amanezco tieso", "facet-joint-arthritis", "cuáles-son-los-síntomas"),
    # facet-joint-injection
    (
        "el doctor dice que me puede inyectar dentro de la articulacion de la columna o en los nervitos de al lado, ¿cual es mejor?",
        "facet-joint-injection",
        "en-qué-se-diferencia-de-un-bloqueo-de-la-rama-medial",
    ),
    # finding-support
    ("cuido a mi esposo con dolor cronico y estoy agotada", "finding-support", "qué-ayuda-hay-para-la-familia-y-los-cuidadores"),
    # genicular-nerve-block
    (
        "se me doblo la rodilla despues del bloqueo, tengo la pierna debil",
        "genicular-nerve-block",
        "cuáles-son-los-efectos-secundarios-menos-comunes",
    ),
    # genicular-radiofrequency-ablation
    ("¿cuanto dura el alivio de quemar los nervios de la rodilla?", "genicular-radiofrequency-ablation", "qué-tan-bien-funciona"),
    # headaches-and-nerve-blocks
    (
        "tomo pastillas para el dolor de cabeza todos los dias y me sigue doliendo",
        "headaches-and-nerve-blocks",
        "pueden-las-pastillas-para-el-dolor-causar-dolor-de-cabeza",
    ),
    ("botox para migrañas cada cuanto se pone", "headaches-and-nerve-blocks", "toxina-botulínica-para-la-migraña-crónica"),
    # hip-shoulder-and-knee-joint-injections
    (
        "me van a operar la rodilla, ¿me puedo poner la inyeccion de cortisona antes?",
        "hip-shoulder-and-knee-joint-injections",
        "y-si-piensa-ponerse-una-articulación-nueva",
    ),
    ("inyeccion para hombro congelado", "hip-shoulder-and-knee-joint-injections", "a-quién-le-puede-ayudar"),
    # image-guided-procedures
    ("¿cuanta radiacion me dan en la inyeccion de la espalda?", "image-guided-procedures", "cuánta-radiación-voy-a-recibir"),
    # intrathecal-pain-pump
    ("¿cada cuanto hay que rellenar la bomba de morfina?", "intrathecal-pain-pump", "cómo-son-los-rellenos"),
    # is-a-procedure-right-for-me
    (
        "¿puedo cambiar de opinion el mismo dia de la inyeccion?",
        "is-a-procedure-right-for-me",
        "cómo-decidimos-juntos-mi-médico-y-yo",
    ),
    # keeping-a-pain-diary
    ("que numero le pongo a mi dolor del 1 al 10", "keeping-a-pain-diary", "cómo-funciona-la-escala-del-dolor-del-0-al-10"),
    # knee-arthritis-pain
    ("¿bajar de peso ayuda al dolor de rodilla?", "knee-arthritis-pain", "peso"),
    # living-with-an-implanted-device
    (
        "¿puedo pasar por el detector del aeropuerto con mi estimulador?",
        "living-with-an-implanted-device",
        "qué-pasa-en-los-aeropuertos-y-en-la-seguridad-de-las-tiendas",
    ),
    (
        "mi mama tiene un estimulador en la espalda y la queremos cremar, ¿hay algun problema?",
        "living-with-an-implanted-device",
        "qué-debe-saber-su-familia",
    ),
    # lumbar-sympathetic-block
    (
        "el pie se me puso caliente y rosado despues de la inyeccion en la espalda para el sdrc",
        "lumbar-sympathetic-block",
        "por-qué-se-calienta-la-pierna",
    ),
    # medial-branch-block
    ("¿por que me tienen que hacer el bloqueo dos veces?", "medial-branch-block", "por-qué-puede-necesitar-dos-bloqueos"),
    # neck-pain-and-pinched-nerves
    (
        "dolor de cuello y se me caen las cosas de las manos, no puedo abrocharme los botones",
        "neck-pain-and-pinched-nerves",
        "cuándo-es-grave",
    ),
    ("¿cuanto tarda en quitarse un nervio pellizcado en el cuello?", "neck-pain-and-pinched-nerves", "qué-suele-pasar"),
    # nerve-pain-neuropathy
    ("tengo diabetes y no siento los pies, ¿como los cuido?", "nerve-pain-neuropathy", "proteger-sus-pies"),
    ("me arden los pies en la noche como toques electricos", "nerve-pain-neuropathy", "qué-síntomas-causa"),
    # new-treatments-being-studied
    ("infusion de ketamina para dolor cronico ¿funciona?", "new-treatments-being-studied", "qué-son-las-infusiones-de-ketamina"),
    # occipital-nerve-block
    (
        "se me cayo el pelo donde me pusieron la inyeccion en la nuca",
        "occipital-nerve-block",
        "efectos-secundarios-del-esteroide",
    ),
    # pain-after-spine-surgery
    ("¿por que me sigue doliendo la pierna despues de la fusion de columna?", "pain-after-spine-surgery", "qué-lo-causa"),
    # pain-medicines-without-opioids
    ("¿cuantos tilenol puedo tomar al dia?", "pain-medicines-without-opioids", "cuánto-es-demasiado"),
    ("tomo advil y eliquis juntos, ¿es peligroso?", "pain-medicines-without-opioids", "y-si-toma-un-anticoagulante"),
    # peripheral-nerve-blocks
    (
        "bloqueo para el dolor en las costillas que me quedo despues de la culebrilla",
        "peripheral-nerve-blocks",
        "qué-nervios-se-bloquean",
    ),
    # peripheral-nerve-stimulation
    (
        "estimulador de nervio por 60 dias, ¿que pasa cuando lo sacan?",
        "peripheral-nerve-stimulation",
        "cómo-es-el-tipo-de-corto-plazo-unos-60-días",
    ),
    # planning-for-flare-ups
    (
        "me dio un brote de dolor de espalda, ¿me quedo acostado todo el dia?",
        "planning-for-flare-ups",
        "siga-moviéndose-pero-haga-menos",
    ),
    # platelet-rich-plasma
    ("me pusieron plasma en el codo y me duele mas que antes", "platelet-rich-plasma", "cuáles-son-los-problemas-comunes"),
    # pregnancy-and-breastfeeding
    (
        "estoy embarazada y me duele la pelvis al voltearme en la cama",
        "pregnancy-and-breastfeeding",
        "qué-pasa-con-el-dolor-de-pelvis-y-de-espalda-baja-en-el-embarazo",
    ),
    ("estoy dando pecho, ¿puedo tomar tramadol?", "pregnancy-and-breastfeeding", "qué-pasa-con-los-opioides"),
    # preparing-for-your-procedure
    (
        "tengo gripa y fiebre y mi cita para la inyeccion es mañana",
        "preparing-for-your-procedure",
        "y-si-se-siente-mal-fiebre-infección-o-resfriado",
    ),
    # psychological-therapies-for-pain
    (
        "el doctor me mando al psicologo por mi dolor, ¿cree que me lo invento?",
        "psychological-therapies-for-pain",
        "mi-dolor-es-real",
    ),
    # pulsed-radiofrequency
    ("radiofrecuencia pulsada para el dolor del hombro", "pulsed-radiofrequency", "a-quién-le-puede-ayudar"),
    # radiofrequency-ablation-back-and-neck
    (
        "me siento mareado y como inestable despues de la ablacion en el cuello",
        "radiofrequency-ablation-back-and-neck",
        "cuáles-son-los-riesgos-y-efectos-secundarios",
    ),
    # sacroiliac-joint-injection
    (
        "despues de la inyeccion en la sacroiliaca se me durmio la pierna",
        "sacroiliac-joint-injection",
        "cuáles-son-los-efectos-secundarios-comunes",
    ),
    # sacroiliac-joint-pain
    (
        "me duele la nalga de un lado al levantarme de la silla y al bajarme del carro",
        "sacroiliac-joint-pain",
        "cuáles-son-los-síntomas",
    ),
    # sacroiliac-joint-radiofrequency-ablation
    (
        "no aguanto estar boca abajo mucho rato, ¿me pueden hacer la ablacion de la sacroiliaca?",
        "sacroiliac-joint-radiofrequency-ablation",
        "quién-no-debe-hacérselo",
    ),
    # sciatica-and-radiculopathy
    ("¿con siatica me debo quedar en cama?", "sciatica-and-radiculopathy", "cómo-puede-cuidarse-y-mantenerse-activo"),
    ("tengo siatica y no puedo orinar y siento dormidas las nalgas", "sciatica-and-radiculopathy", "cuándo-debe-pedir-ayuda"),
    # sedation-and-numbing
    ("¿me van a dormir para la inyeccion en la espalda?", "sedation-and-numbing", "voy-a-estar-despierto"),
    (
        "siento sabor a metal en la boca despues de la medicina para adormecer",
        "sedation-and-numbing",
        "la-medicina-para-adormecer-tiene-efectos-secundarios",
    ),
    # selective-nerve-root-block
    (
        "diferencia entre bloqueo de raiz nerviosa y epidural",
        "selective-nerve-root-block",
        "qué-tiene-que-ver-con-una-inyección-epidural-de-esteroides",
    ),
    # sleep-and-pain
    (
        "me despierto en la madrugada por el dolor y no me vuelvo a dormir, ¿me quedo en la cama?",
        "sleep-and-pain",
        "use-la-cama-para-dormir",
    ),
    ("¿puedo tomar pastillas para dormir con mi hidrocodona?", "sleep-and-pain", "y-las-pastillas-para-dormir"),
    # spinal-cord-stimulation
    (
        "¿por que me mandan al psicologo antes de ponerme el estimulador?",
        "spinal-cord-stimulation",
        "por-qué-la-consulta-con-un-psicólogo",
    ),
    ("¿el estimulador de la medula sirve para el dolor de espalda baja?", "spinal-cord-stimulation", "qué-tan-bien-funciona"),
    # spinal-stenosis
    ("me duelen las piernas cuando camino y se me quita al sentarme", "spinal-stenosis", "cuáles-son-los-síntomas"),
    ("¿el dolor de piernas al caminar es de la circulacion o de la espalda?", "spinal-stenosis", "cómo-se-diagnostica"),
    # staying-active-and-physical-therapy
    ("¿si me duele al hacer ejercicio me estoy haciendo daño?", "staying-active-and-physical-therapy", "dolor-quiere-decir-daño"),
    (
        "en los dias buenos hago todo y luego paso dias en cama del dolor",
        "staying-active-and-physical-therapy",
        "qué-es-ir-a-su-propio-ritmo-el-camino-del-medio",
    ),
    # stellate-ganglion-block
    (
        "tengo el parpado caido y la voz ronca despues de la inyeccion en el cuello",
        "stellate-ganglion-block",
        "qué-efectos-son-esperados",
    ),
    # stem-cell-therapy
    (
        "una clinica de celulas madre me pide 5000 dolares en efectivo para mi rodilla",
        "stem-cell-therapy",
        "cómo-reconocer-una-clínica-que-vende-tratamientos-no-comprobados",
    ),
    # trigger-point-injection
    ("¿la inyeccion en el nudo del hombro me puede picar el pulmon?", "trigger-point-injection", "riesgos-raros-pero-graves"),
    # vertebroplasty-and-kyphoplasty
    (
        "¿despues del cemento en la columna se me puede quebrar otro hueso?",
        "vertebroplasty-and-kyphoplasty",
        "puede-haber-fracturas-nuevas",
    ),
    # what-is-interventional-pain-management
    ("¿la inyeccion me va a quitar el dolor para siempre?", "what-is-interventional-pain-management", "no-es-una-cura"),
    # when-a-procedure-does-not-help
    (
        "la inyeccion no me hizo nada, ¿vale la pena ponerme otra?",
        "when-a-procedure-does-not-help",
        "me-ayudará-intentarlo-otra-vez",
    ),
    (
        "estoy cansado de tantas inyecciones, ¿puedo ya no hacerme nada?",
        "when-a-procedure-does-not-help",
        "está-bien-dejar-de-hacerse-procedimientos",
    ),
    # working-with-a-pain-care-team
    (
        "cada doctor me dice algo diferente sobre mi dolor y nadie se pone de acuerdo",
        "working-with-a-pain-care-team",
        "y-si-su-cuidado-se-siente-dividido",
    ),
]
