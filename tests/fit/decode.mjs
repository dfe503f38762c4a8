// Decodes FIT files with Garmin's FIT SDK and prints, per file, one JSON line: whether it
// is FIT, whether its header and file CRCs check out, the decoder's errors, and the
// file_id, workout and workout_step messages. Driven by tests/fit_garmin.rs.
//
//   node tests/fit/decode.mjs FILE.fit...
import { Decoder, Stream } from "@garmin/fitsdk";
import { readFileSync } from "node:fs";

for (const file of process.argv.slice(2)) {
  const decoder = new Decoder(Stream.fromBuffer(readFileSync(file)));
  const isFIT = decoder.isFIT();
  const integrity = decoder.checkIntegrity();
  const { messages, errors } = decoder.read({ convertDateTimesToDates: false });
  console.log(
    JSON.stringify({
      file,
      isFIT,
      integrity,
      errors: errors.map((e) => String(e)),
      fileId: messages.fileIdMesgs ?? [],
      workout: messages.workoutMesgs ?? [],
      steps: messages.workoutStepMesgs ?? [],
    }),
  );
}
