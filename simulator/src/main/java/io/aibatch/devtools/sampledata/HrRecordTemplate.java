package io.aibatch.devtools.sampledata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An employee record from a personnel file. Restricted by its label, and it always carries the
 * employee's tax file number (employers must collect it for payroll).
 */
final class HrRecordTemplate implements ContentTemplate {

    private static final List<String[]> ROLES = List.of(
            new String[] {"Accounts Officer", "Finance"}, new String[] {"Warehouse Supervisor", "Operations"},
            new String[] {"Software Developer", "Technology"},
                    new String[] {"Customer Service Representative", "Customer Care"},
            new String[] {"Marketing Coordinator", "Marketing"},
                    new String[] {"Payroll Specialist", "People and Culture"},
            new String[] {"Site Electrician", "Facilities"}, new String[] {"Registered Nurse", "Clinical Services"});

    private static final List<String> REVIEWS = List.of(
            "The annual review found that the employee met or exceeded all agreed objectives. Colleagues describe them as reliable and helpful, and they have taken on training of two new team members.",
            "The probation period was completed successfully. The manager noted good attention to detail and asked that the employee attend the workplace health and safety course before the end of the quarter.",
            "Performance during the year was satisfactory. A development plan was agreed that focuses on time management and on building confidence when presenting to customers.",
            "The employee returned from parental leave in March and moved to a part time arrangement of four days a week, which will be reviewed in twelve months.");

    @Override
    public DocumentContent write(FakeDetails f) {
        FakeDetails.Person employee = f.person();
        FakeDetails.Person contact = f.person();
        FakeDetails.Person officer = f.person();
        String[] role = f.pick(ROLES);
        LocalDate started = f.dateIn2024Or2025().minusYears(f.between(0, 9));
        String tfn = SyntheticIdentifiers.taxFileNumber(f.random());
        String employer = f.companyName();
        List<List<String>> blocks = new ArrayList<>();

        blocks.add(List.of(employer, "Confidential personnel record"));
        blocks.add(List.of(
                "Employee name: " + employee.fullName(),
                "Employee number: " + f.reference("E", 5),
                "Date of birth: " + FakeDetails.shortDate(f.birthDate()),
                "Home address: " + employee.street() + ", " + employee.locality(),
                "Phone: " + employee.phone() + ", Email: " + employee.email()));
        blocks.add(List.of(
                "Position: " + role[0] + ", " + role[1] + " department",
                "Employment type: "
                        + f.pick(List.of("Full time, permanent", "Part time, permanent", "Fixed term contract")),
                "Start date: " + FakeDetails.longDate(started),
                "Annual salary: " + FakeDetails.money(f.amount(58000, 135000)) + " plus superannuation"));
        blocks.add(List.of(
                "Tax file number: " + SyntheticIdentifiers.formatTaxFileNumber(tfn),
                "Superannuation fund: "
                        + f.pick(List.of("AustralianSuper", "Hostplus", "UniSuper", "Aware Super", "REST"))
                        + ", member number " + f.reference("", 8),
                "Bank: BSB " + String.format(Locale.ROOT, "%03d-%03d", f.between(10, 990), f.between(0, 999))
                        + ", account " + f.reference("", 8)));
        blocks.add(List.of("Emergency contact: " + contact.fullName() + " ("
                + f.pick(List.of("partner", "mother", "father", "sister", "brother", "friend")) + "), phone "
                + contact.phone()));
        blocks.add(List.of("Leave balance: " + f.between(2, 30) + " days annual leave and " + f.between(1, 12)
                + " days personal leave as at the last pay run."));
        blocks.add(List.of("Notes: " + f.pick(REVIEWS)));
        blocks.add(List.of(
                "This record contains personal information collected for payroll and employment purposes."
                        + " Access is limited to authorised People and Culture staff. Do not copy or forward it.",
                "Last updated by " + officer.fullName() + " on " + FakeDetails.longDate(f.dateIn2024Or2025())));
        return new DocumentContent("EMPLOYEE RECORD", blocks, List.of("tfn"));
    }
}
