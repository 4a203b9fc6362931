namespace ClearanceWorkflow.Domain;

/// <summary>How long ago the conduct was.</summary>
public enum ConductRecency
{
    WithinOneYear = 1,
    OneToFiveYears = 2,
    OverFiveYears = 3,
}

/// <summary>How often the conduct happened.</summary>
public enum ConductFrequency
{
    Isolated = 1,
    Occasional = 2,
    Repeated = 3,
}

/// <summary>How far the person has been rehabilitated since.</summary>
public enum RehabilitationLevel
{
    None = 1,
    Partial = 2,
    Substantial = 3,
}

/// <summary>How likely the conduct is to happen again.</summary>
public enum RecurrenceLikelihood
{
    Low = 1,
    Moderate = 2,
    High = 3,
}

/// <summary>
/// The whole-person factors weighed with a finding: recency, frequency, the person's age at the time (10 to 120),
/// rehabilitation and the likelihood of recurrence. The age is personal data: the finding stores the factors encrypted.
/// </summary>
public sealed record WholePersonFactors
{
    public const int MinimumAge = 10;
    public const int MaximumAge = 120;

    public WholePersonFactors(ConductRecency recency, ConductFrequency frequency, int ageAtConduct, RehabilitationLevel rehabilitation, RecurrenceLikelihood recurrenceLikelihood)
    {
        if (ageAtConduct is < MinimumAge or > MaximumAge)
        {
            throw new DomainException($"the age at the time of the conduct must be between {MinimumAge} and {MaximumAge}", DomainRefusal.Invalid, "wholePerson.ageAtConduct");
        }

        Recency = recency;
        Frequency = frequency;
        AgeAtConduct = ageAtConduct;
        Rehabilitation = rehabilitation;
        RecurrenceLikelihood = recurrenceLikelihood;
    }

    public ConductRecency Recency { get; }
    public ConductFrequency Frequency { get; }
    public int AgeAtConduct { get; }
    public RehabilitationLevel Rehabilitation { get; }
    public RecurrenceLikelihood RecurrenceLikelihood { get; }
}
