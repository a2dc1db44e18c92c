package io.aibatch.devtools.sampledata;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * A GP's referral letter to a specialist. Restricted by its label, and it always carries the
 * patient's Medicare number; a workers compensation referral also quotes the tax file number
 * that the insurer asked for.
 */
final class MedicalReferralTemplate implements ContentTemplate {

    private record Condition(String specialty, String presentation, String history, String request) {}

    private static final List<Condition> CONDITIONS = List.of(
            new Condition(
                    "Orthopaedic Surgeon",
                    "persistent right knee pain and swelling after a fall at work",
                    "An X-ray last month showed no fracture, but the pain has not settled with rest, physiotherapy and simple pain relief. The knee gives way on stairs.",
                    "I would be grateful for your assessment and advice on whether an MRI or arthroscopy is indicated."),
            new Condition(
                    "Neurologist",
                    "recurrent migraines that have become more frequent over six months",
                    "The headaches now occur three or four times a week and are sometimes preceded by visual disturbance. Preventive treatment with propranolol has not helped.",
                    "I would appreciate your opinion on further investigation and on other preventive options."),
            new Condition(
                    "Dermatologist",
                    "a changing pigmented lesion on the left forearm",
                    "The lesion has grown to about eight millimetres over the past year and now has an irregular border. There is a family history of melanoma.",
                    "Please assess the lesion and arrange excision if you think it is appropriate."),
            new Condition(
                    "Respiratory Physician",
                    "loud snoring, witnessed pauses in breathing and daytime sleepiness",
                    "The Epworth sleepiness score today was 14. Blood pressure has been borderline high at the last three visits.",
                    "I would be grateful if you could arrange a sleep study and advise on management."),
            new Condition(
                    "Cardiologist",
                    "episodes of palpitations with light-headedness",
                    "A resting ECG in the practice was normal. The episodes last a few minutes and occur about once a week, sometimes during exercise.",
                    "Please assess and consider a Holter monitor or echocardiogram as you see fit."));

    private static final List<String> MEDICATIONS = List.of(
            "Paracetamol 500 mg as needed",
            "Ibuprofen 200 mg as needed",
            "Atorvastatin 20 mg daily",
            "Perindopril 5 mg daily",
            "Metformin 500 mg twice daily",
            "Sertraline 50 mg daily",
            "Pantoprazole 40 mg daily",
            "Salbutamol inhaler as needed");

    @Override
    public DocumentContent write(FakeDetails f) {
        FakeDetails.Person patient = f.person();
        FakeDetails.Person gp = f.person();
        FakeDetails.Person specialist = f.person();
        Condition condition = f.pick(CONDITIONS);
        LocalDate written = f.dateIn2024Or2025();
        LocalDate born = f.birthDate();
        int age = Period.between(born, written).getYears();
        String medicare = SyntheticIdentifiers.medicareNumber(f.random());
        boolean workCover = condition.presentation().contains("at work") || f.chance(0.3);
        List<String> identifiers = new ArrayList<>();
        List<List<String>> blocks = new ArrayList<>();

        String practice =
                f.pick(List.of("Harbourside", "Parkview", "Riverside", "Hillcrest", "Eastside")) + " Medical Centre";
        blocks.add(List.of(practice, f.streetLine() + ", " + f.locality(), "Phone " + f.landline()));
        blocks.add(List.of(FakeDetails.longDate(written)));
        blocks.add(List.of(
                "Dr " + specialist.fullName(),
                condition.specialty(),
                specialist.street() + ", " + specialist.locality()));

        List<String> patientLines = new ArrayList<>(List.of(
                "Re: " + patient.fullName() + ", born " + FakeDetails.shortDate(born),
                patient.street() + ", " + patient.locality() + ", phone " + patient.phone(),
                "Medicare number " + SyntheticIdentifiers.formatMedicareNumber(medicare) + ", reference "
                        + f.between(1, 5)));
        identifiers.add("medicare");
        if (workCover) {
            String tfn = SyntheticIdentifiers.taxFileNumber(f.random());
            patientLines.add("Workers compensation claim " + f.reference("WC", 7) + ", tax file number "
                    + SyntheticIdentifiers.formatTaxFileNumber(tfn));
            identifiers.add(0, "tfn");
        }
        blocks.add(patientLines);

        blocks.add(List.of("Dear Dr " + specialist.lastName() + ","));
        blocks.add(List.of("Thank you for seeing " + patient.firstName() + ", a " + age + " year old "
                + f.pick(List.of(
                        "teacher", "nurse", "electrician", "retail manager", "accountant", "truck driver", "student"))
                + " who presents with " + condition.presentation() + ". " + condition.history()));
        blocks.add(List.of(
                "Current medications: " + String.join("; ", f.pickDistinct(MEDICATIONS, f.between(1, 3))) + ".",
                "Allergies: " + f.pick(List.of("nil known", "penicillin (rash)", "sulfonamides", "codeine (nausea)"))
                        + "."));
        blocks.add(
                List.of(
                        condition.request() + " " + patient.firstName()
                                + " is happy to be contacted directly to arrange an appointment. Please send a copy of your report to me at the practice."));
        blocks.add(List.of(
                "Yours sincerely,",
                "Dr " + gp.fullName(),
                "Provider number " + f.reference("", 6) + (char) ('A' + f.between(0, 25))));
        return new DocumentContent("REFERRAL", blocks, identifiers);
    }
}
