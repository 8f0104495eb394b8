import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { cardFinishes, gradingCompanies, itemCategories, type ItemOutput } from '@api/modules/inventory/contract';
import type { StoreOutput } from '@api/modules/vendors/contract';
import { useVendor } from '../auth/useMe';
import { categoryLabels, completenessLabels, formatCount, humanize } from '../lib/format';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { useFormSubmit } from '../ui/useFormSubmit';
import { ImagesField } from './ImagesField';
import { cardCategories, itemFormSchema, itemFormValues, type ItemFormOutput } from './itemForm';

const conditions = ['Mint', 'Near Mint', 'Lightly Played', 'Moderately Played', 'Heavily Played', 'Damaged', 'Graded', 'Sealed', 'New', 'Used', 'CIB', 'Loose'];

interface ItemFormProps {
  item: ItemOutput | null;
  stores: StoreOutput[];
  onSave: (values: ItemFormOutput) => Promise<unknown>;
  cancelTo: string;
}

/** Create or edit an item: the fields of its category, prices, and its gallery. */
export function ItemForm({ item, stores, onSave, cancelTo }: ItemFormProps) {
  const { currency } = useVendor();
  const defaultStore = stores.find((store) => store.isDefault) ?? stores[0];
  const form = useForm({ resolver: zodResolver(itemFormSchema), defaultValues: itemFormValues(item, defaultStore?.id ?? '') });
  const [uploading, setUploading] = useState(false);
  const { onSubmit, formError, submitting } = useFormSubmit(form, onSave);
  const category = useWatch({ control: form.control, name: 'category' });
  const images = useWatch({ control: form.control, name: 'images' });
  const { errors } = form.formState;
  const card = errors.cardDetails;
  const attribute = errors.attributes;
  const { register } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="item-form">
      <section className="panel stack" aria-labelledby="basics">
        <h2 id="basics">Basics</h2>
        <Field label="Name" error={errors.name?.message}>
          <input autoComplete="off" {...register('name')} />
        </Field>
        <div className="form-row">
          <Field label="SKU" hint="Unique in your shop." error={errors.sku?.message}>
            <input autoComplete="off" {...register('sku')} />
          </Field>
          <Field label="Category" error={errors.category?.message}>
            <select {...register('category')}>
              {itemCategories.map((c) => (
                <option key={c} value={c}>
                  {categoryLabels[c]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form-row">
          <Field label="Store" error={errors.storeId?.message}>
            <select {...register('storeId')}>
              {stores.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Condition" error={errors.condition?.message}>
            <input list="conditions" autoComplete="off" {...register('condition')} />
          </Field>
          <datalist id="conditions">
            {conditions.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <Field label="Description" error={errors.description?.message}>
          <textarea rows={3} {...register('description')} />
        </Field>
      </section>

      <section className="panel stack" aria-labelledby="stock-prices">
        <h2 id="stock-prices">Stock and prices</h2>
        <div className="form-row form-row--4">
          {item ? (
            <div className="field">
              <span className="field__label">Quantity</span>
              <p className="field__static">
                {formatCount(item.quantity)} <Link to={`/inventory/${item.id}#adjust`}>Adjust stock</Link>
              </p>
            </div>
          ) : (
            <Field label="Quantity" error={errors.quantity?.message}>
              <input inputMode="numeric" autoComplete="off" {...register('quantity')} />
            </Field>
          )}
          <Field label={`Cost (${currency})`} hint="What you paid." error={errors.intakePrice?.message}>
            <input inputMode="decimal" autoComplete="off" {...register('intakePrice')} />
          </Field>
          <Field label={`Price (${currency})`} hint="What you sell it for." error={errors.price?.message}>
            <input inputMode="decimal" autoComplete="off" {...register('price')} />
          </Field>
          <Field label={`Projected (${currency})`} hint="Expected market value." error={errors.projectedPrice?.message}>
            <input inputMode="decimal" autoComplete="off" {...register('projectedPrice')} />
          </Field>
        </div>
      </section>

      {cardCategories.includes(category) && (
        <section className="panel stack" aria-labelledby="card-details">
          <h2 id="card-details">Card details</h2>
          <div className="form-row">
            <Field label="Game" error={card?.game?.message}>
              <input autoComplete="off" placeholder="Pokemon, Magic, Baseball…" {...register('cardDetails.game')} />
            </Field>
            <Field label="Language" error={card?.language?.message}>
              <input autoComplete="off" {...register('cardDetails.language')} />
            </Field>
          </div>
          <div className="form-row form-row--3">
            <Field label="Set" error={card?.setName?.message}>
              <input autoComplete="off" {...register('cardDetails.setName')} />
            </Field>
            <Field label="Set code" error={card?.setCode?.message}>
              <input autoComplete="off" {...register('cardDetails.setCode')} />
            </Field>
            <Field label="Card number" error={card?.cardNumber?.message}>
              <input autoComplete="off" {...register('cardDetails.cardNumber')} />
            </Field>
          </div>
          <div className="form-row form-row--3">
            <Field label="Rarity" error={card?.rarity?.message}>
              <input autoComplete="off" {...register('cardDetails.rarity')} />
            </Field>
            <Field label="Finish" error={card?.finish?.message}>
              <select {...register('cardDetails.finish')}>
                <option value="">Not set</option>
                {cardFinishes.map((f) => (
                  <option key={f} value={f}>
                    {humanize(f)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Release date" error={card?.releaseDate?.message}>
              <input type="date" {...register('cardDetails.releaseDate')} />
            </Field>
          </div>
          <div className="form-row form-row--3">
            <Field label="Grading company" error={card?.gradingCompany?.message}>
              <select {...register('cardDetails.gradingCompany')}>
                <option value="">Ungraded</option>
                {gradingCompanies.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Grade" hint="0 to 10, in half steps." error={card?.grade?.message}>
              <input inputMode="decimal" autoComplete="off" {...register('cardDetails.grade')} />
            </Field>
            <Field label="Certificate number" error={card?.certNumber?.message}>
              <input autoComplete="off" {...register('cardDetails.certNumber')} />
            </Field>
          </div>
          <div className="form-row">
            <Field label="Print run" error={card?.printRun?.message}>
              <input inputMode="numeric" autoComplete="off" {...register('cardDetails.printRun')} />
            </Field>
            <Field label="Market region" error={card?.marketRegion?.message}>
              <input autoComplete="off" {...register('cardDetails.marketRegion')} />
            </Field>
          </div>
          <Field label="Card notes" error={card?.notes?.message}>
            <textarea rows={2} {...register('cardDetails.notes')} />
          </Field>
        </section>
      )}

      {category === 'video_game' && (
        <section className="panel stack" aria-labelledby="game-details">
          <h2 id="game-details">Game details</h2>
          <div className="form-row">
            <Field label="Platform" error={attribute?.platform?.message}>
              <input autoComplete="off" placeholder="SNES, PS5, Switch…" {...register('attributes.platform')} />
            </Field>
            <Field label="Region" error={attribute?.region?.message}>
              <input autoComplete="off" placeholder="PAL, NTSC-U, NTSC-J…" {...register('attributes.region')} />
            </Field>
          </div>
          <div className="form-row">
            <Field label="Completeness" error={attribute?.completeness?.message}>
              <select {...register('attributes.completeness')}>
                <option value="">Not set</option>
                {Object.entries(completenessLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Genre" error={attribute?.genre?.message}>
              <input autoComplete="off" {...register('attributes.genre')} />
            </Field>
          </div>
        </section>
      )}

      {category === 'apparel' && (
        <section className="panel stack" aria-labelledby="apparel-details">
          <h2 id="apparel-details">Apparel details</h2>
          <div className="form-row">
            <Field label="Size" error={attribute?.size?.message}>
              <input autoComplete="off" placeholder="S, M, L, XL…" {...register('attributes.size')} />
            </Field>
            <Field label="Colour" error={attribute?.color?.message}>
              <input autoComplete="off" {...register('attributes.color')} />
            </Field>
          </div>
          <div className="form-row">
            <Field label="Material" error={attribute?.material?.message}>
              <input autoComplete="off" {...register('attributes.material')} />
            </Field>
            <Field label="Brand" error={attribute?.brand?.message}>
              <input autoComplete="off" {...register('attributes.brand')} />
            </Field>
          </div>
        </section>
      )}

      <section className="panel">
        <ImagesField
          images={images}
          onChange={(change) => form.setValue('images', change(form.getValues('images')), { shouldDirty: true })}
          onUploadingChange={setUploading}
          itemId={item?.id}
          error={errors.images?.message ?? errors.images?.root?.message}
        />
      </section>

      <div className="form-actions">
        <Alert>{formError}</Alert>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={submitting || uploading}>
            {submitting ? 'Saving…' : uploading ? 'Waiting for uploads…' : item ? 'Save changes' : 'Add item'}
          </button>
          <Link to={cancelTo} className="button">
            Cancel
          </Link>
        </div>
      </div>
    </form>
  );
}
