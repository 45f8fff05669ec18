package dcgan.training;

import java.util.List;

/**
 * What a training run produced.
 *
 * @param epochs per-epoch mean metrics, from the first epoch this run trained
 * @param finalImages the fixed-seed images after the last epoch
 * @param steps train steps done since the very beginning (a resumed run counts the earlier ones)
 * @param lastEpoch the last epoch trained
 */
public record TrainingResult(List<StepMetrics> epochs, SampleImages finalImages, long steps, int lastEpoch) {}
