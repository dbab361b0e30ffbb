import { NumberField } from './number-field';
import { HARDWARE_CLASS_IDS, type PlanNeeds } from '../url/share-state';

const CLASS_LABEL = {
  consumer: 'Consumer',
  workstation: 'Workstation',
  datacenter: 'Datacenter',
  apple: 'Apple',
  unified: 'Unified memory',
} as const;

/** The limits every buying guide takes (Run, Serve and Fine-tune): budget, power and hardware classes. */
export function PurchaseLimits({
  needs,
  onNeeds,
}: {
  readonly needs: PlanNeeds;
  readonly onNeeds: (patch: Partial<PlanNeeds>) => void;
}) {
  return (
    <>
      <NumberField
        label="Budget (USD)"
        value={needs.budget}
        min={1}
        max={100000000}
        emptyLabel="no limit"
        onChange={(budget) => onNeeds({ budget })}
      />
      <NumberField
        label="Power limit (W)"
        value={needs.power}
        min={1}
        max={1000000}
        emptyLabel="no limit"
        onChange={(power) => onNeeds({ power })}
      />
      <fieldset className="field plan-classes">
        <legend className="field-label">Hardware</legend>
        {HARDWARE_CLASS_IDS.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={needs.hardware.includes(c)}
              disabled={needs.hardware.length === 1 && needs.hardware.includes(c)}
              onChange={(e) =>
                onNeeds({
                  hardware: e.target.checked ? [...needs.hardware, c] : needs.hardware.filter((h) => h !== c),
                })
              }
            />
            {CLASS_LABEL[c]}
          </label>
        ))}
      </fieldset>
    </>
  );
}
