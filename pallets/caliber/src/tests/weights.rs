//! The weights against the storage the calls really touch. Each test drives a call in its
//! worst case at the runtime's bounds, counts the distinct keys it reads and writes as the
//! benchmarks' database tracker does (a key's first access; whitelisted keys aside), and checks
//! that the database part of the weight charged (and of the weight refunded to, where the call
//! refunds) covers them at `RocksDbWeight`.

use crate::{mock::*, weights::SubstrateWeight, *};
use frame_support::{
	assert_ok,
	traits::{Get, Hooks, WhitelistedStorageKeys},
	weights::Weight,
	BoundedVec,
};
use sp_core::H256;
use sp_runtime::AccountId32;
use usdai_test_support::assert_covered;

/// Runs `f` and returns how many distinct keys it read and wrote (the keys the benchmarks
/// whitelist aside: `System`'s block data and the well-known `:` keys).
fn count_accesses<R>(f: impl FnOnce() -> R) -> (R, u64, u64) {
	usdai_test_support::count_accesses(AllPalletsWithSystem::whitelisted_storage_keys(), f)
}

fn max_appraisers() -> u32 {
	<Test as Config>::MaxAppraisers::get()
}

/// An account that is not an appraiser at genesis.
fn appraiser(i: u8) -> AccountId {
	AccountId32::new([100 + i; 32])
}

/// A text of `len` bytes.
fn long_text<S: Get<u32>>(len: usize) -> BoundedVec<u8, S> {
	vec![b'x'; len].try_into().unwrap()
}

/// Custodian details at their largest: every data centre, the longest texts.
fn largest_info() -> CustodianInfo {
	let data_centres = (0..MaxDataCentres::get())
		.map(|i| {
			let mut id = vec![b'd'; 31];
			id.push(i as u8);
			id.try_into().unwrap()
		})
		.collect::<Vec<_>>();
	CustodianInfo {
		name: long_text(64),
		jurisdiction: long_text(64),
		data_centres: data_centres.try_into().unwrap(),
		insurance_provider: long_text(64),
		bond: BOND,
	}
}

/// The largest batch: an `Other` model with the longest name at the custodian's last data
/// centre, the longest policy id.
fn largest_batch(info: &CustodianInfo) -> ReceiptInfo {
	ReceiptInfo {
		model: GpuModel::Other(long_text(32)),
		count: <Test as Config>::MaxGpusPerReceipt::get(),
		serials_hash: H256::repeat_byte(1),
		data_centre: info.data_centres.last().cloned().unwrap(),
		bailment_hash: H256::repeat_byte(2),
		insurance: Insurance {
			policy_id: long_text(64),
			coverage: 400_000 * USD,
			expiry: START + YEAR,
		},
		appraisal: 300_000 * USD,
	}
}

/// Registers `ALICE` as a custodian with the largest details and has her issue the largest
/// batch to `BOB`.
fn issue_largest() -> ReceiptId {
	assert_ok!(Caliber::register_custodian(RuntimeOrigin::root(), ALICE, largest_info()));
	let id = NextReceiptId::<Test>::get();
	assert_ok!(Caliber::issue_receipt(
		RuntimeOrigin::signed(ALICE),
		BOB,
		largest_batch(&largest_info())
	));
	id
}

/// Registers fresh appraisers until `MaxAppraisers` are; returns them all.
fn all_appraisers() -> Vec<AccountId> {
	let mut i = 0;
	while Appraisers::<Test>::count() < max_appraisers() {
		assert_ok!(Caliber::add_appraiser(RuntimeOrigin::root(), appraiser(i)));
		i += 1;
	}
	Appraisers::<Test>::iter_keys().collect()
}

/// One post is enough to move the value: every post takes the heaviest path.
fn one_post_moves_the_value() {
	let params = ValuationParams { min_posts: 1, ..Params::<Test>::get() };
	assert_ok!(Caliber::set_params(RuntimeOrigin::root(), params));
}

fn post(who: &AccountId, id: ReceiptId, value: Balance) {
	assert_ok!(Caliber::post_valuation(RuntimeOrigin::signed(who.clone()), id, value));
}

#[test]
fn the_custodian_calls_never_touch_more_storage_than_they_pay_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let (result, reads, writes) = count_accesses(|| {
			Caliber::register_custodian(RuntimeOrigin::root(), ALICE, largest_info())
		});
		assert_ok!(result);
		assert_covered(
			"register_custodian",
			reads,
			writes,
			<() as WeightInfo>::register_custodian(),
			SubstrateWeight::<Test>::register_custodian(),
		);

		let (result, reads, writes) =
			count_accesses(|| Caliber::suspend_custodian(RuntimeOrigin::root(), ALICE));
		assert_ok!(result);
		assert_covered(
			"suspend_custodian",
			reads,
			writes,
			<() as WeightInfo>::suspend_custodian(),
			SubstrateWeight::<Test>::suspend_custodian(),
		);

		let (result, reads, writes) =
			count_accesses(|| Caliber::resume_custodian(RuntimeOrigin::root(), ALICE));
		assert_ok!(result);
		assert_covered(
			"resume_custodian",
			reads,
			writes,
			<() as WeightInfo>::resume_custodian(),
			SubstrateWeight::<Test>::resume_custodian(),
		);

		let (result, reads, writes) =
			count_accesses(|| Caliber::remove_custodian(RuntimeOrigin::root(), ALICE));
		assert_ok!(result);
		assert!(!Custodians::<Test>::contains_key(ALICE));
		assert_covered(
			"remove_custodian",
			reads,
			writes,
			<() as WeightInfo>::remove_custodian(),
			SubstrateWeight::<Test>::remove_custodian(),
		);
	});
}

#[test]
fn the_appraiser_and_parameter_calls_never_touch_more_storage_than_they_pay_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		assert_eq!(max_appraisers(), 16);
		// The last free place.
		let all = all_appraisers();
		assert_ok!(Caliber::remove_appraiser(RuntimeOrigin::root(), all[0].clone()));
		let (result, reads, writes) =
			count_accesses(|| Caliber::add_appraiser(RuntimeOrigin::root(), all[0].clone()));
		assert_ok!(result);
		assert_eq!(Appraisers::<Test>::count(), max_appraisers());
		assert_covered(
			"add_appraiser",
			reads,
			writes,
			<() as WeightInfo>::add_appraiser(),
			SubstrateWeight::<Test>::add_appraiser(),
		);

		let (result, reads, writes) =
			count_accesses(|| Caliber::remove_appraiser(RuntimeOrigin::root(), all[0].clone()));
		assert_ok!(result);
		assert_covered(
			"remove_appraiser",
			reads,
			writes,
			<() as WeightInfo>::remove_appraiser(),
			SubstrateWeight::<Test>::remove_appraiser(),
		);

		let params = ValuationParams { min_posts: max_appraisers(), ..Params::<Test>::get() };
		let (result, reads, writes) =
			count_accesses(|| Caliber::set_params(RuntimeOrigin::root(), params));
		assert_ok!(result);
		assert_covered(
			"set_params",
			reads,
			writes,
			<() as WeightInfo>::set_params(),
			SubstrateWeight::<Test>::set_params(),
		);

		// Setting a new rate, changing one and clearing one.
		let other = GpuModel::Other(long_text(32));
		for (model, rate) in
			[(other.clone(), Some(5_000)), (other, Some(1)), (GpuModel::H100Sxm, None)]
		{
			let (result, reads, writes) = count_accesses(|| {
				Caliber::set_depreciation(RuntimeOrigin::root(), model.clone(), rate)
			});
			assert_ok!(result);
			assert_eq!(Depreciation::<Test>::get(&model), rate);
			assert_covered(
				&format!("set_depreciation({model:?}, {rate:?})"),
				reads,
				writes,
				<() as WeightInfo>::set_depreciation(),
				SubstrateWeight::<Test>::set_depreciation(),
			);
		}
	});
}

#[test]
fn issuing_a_receipt_never_touches_more_storage_than_it_pays_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		// A custodian that already issued, to a holder that already holds one.
		let first = issue_largest();
		let info = largest_info();
		let id = NextReceiptId::<Test>::get();
		let (result, reads, writes) = count_accesses(|| {
			Caliber::issue_receipt(RuntimeOrigin::signed(ALICE), BOB, largest_batch(&info))
		});
		assert_ok!(result);
		assert_eq!((first + 1, Caliber::holder_of(id)), (id, Some(BOB)));
		assert!(writes >= attribute::ALL.len() as u64, "every attribute is written");
		assert_covered(
			"issue_receipt",
			reads,
			writes,
			<() as WeightInfo>::issue_receipt(),
			SubstrateWeight::<Test>::issue_receipt(),
		);
	});
}

/// How the posts on a receipt stand when the measured post arrives.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stored {
	/// Every other appraiser posted; the caller replaces its own post of a period ago.
	EveryAppraiser,
	/// `MaxAppraisers` posts by others, one of whom was removed since: the caller is new.
	OneByARemovedAppraiser,
	/// `MaxAppraisers` posts, all by appraisers removed since: the caller is new and alone.
	AllByRemovedAppraisers,
}

/// The component `n` whose `post_valuation(n)` is `weight`.
fn post_valuation_component(weight: Weight) -> u32 {
	(0..=max_appraisers())
		.find(|n| <() as WeightInfo>::post_valuation(*n) == weight)
		.expect("the call refunds to one of its weights")
}

#[test]
fn a_post_never_touches_more_storage_than_it_pays_for_or_is_refunded_to() {
	use Stored::*;
	for stored in [EveryAppraiser, OneByARemovedAppraiser, AllByRemovedAppraisers] {
		ExtBuilder::default().runtime_bounds().build_and_execute(|| {
			let max = max_appraisers();
			one_post_moves_the_value();
			let id = issue_largest();
			let all = all_appraisers();
			let caller = match stored {
				EveryAppraiser => {
					post(&all[0], id, 250_000 * USD);
					advance(DAY);
					for other in &all[1..] {
						post(other, id, 240_000 * USD);
					}
					all[0].clone()
				},
				OneByARemovedAppraiser | AllByRemovedAppraisers => {
					for other in &all {
						post(other, id, 240_000 * USD);
					}
					advance(DAY);
					let removed = if stored == AllByRemovedAppraisers { all.len() } else { 1 };
					for gone in &all[..removed] {
						assert_ok!(Caliber::remove_appraiser(RuntimeOrigin::root(), gone.clone()));
					}
					let new = appraiser(99);
					assert_ok!(Caliber::add_appraiser(RuntimeOrigin::root(), new.clone()));
					new
				},
			};
			assert_eq!(Valuations::<Test>::get(id).len() as u32, max, "every place is taken");
			let (result, reads, writes) = count_accesses(|| {
				Caliber::post_valuation(RuntimeOrigin::signed(caller.clone()), id, 230_000 * USD)
			});
			let refunded = result.expect("the post succeeds").actual_weight.expect("it refunds");
			let appraisal = Receipts::<Test>::get(id).unwrap().appraisal;
			assert_eq!(appraisal.at, Caliber::now(), "the value moved");
			if stored != EveryAppraiser {
				// The caller and every stored post's appraiser, the receipt, the clock, the
				// parameters, the posts, the depreciation, the collection, its pallet-nfts
				// record and the attribute.
				assert!(reads >= u64::from(max) + 9, "{stored:?}: every appraiser read");
			}
			assert_covered(
				&format!("post_valuation({stored:?}), charged"),
				reads,
				writes,
				<() as WeightInfo>::post_valuation(max),
				SubstrateWeight::<Test>::post_valuation(max),
			);
			let n = post_valuation_component(refunded);
			assert_covered(
				&format!("post_valuation({stored:?}), refunded to post_valuation({n})"),
				reads,
				writes,
				refunded,
				SubstrateWeight::<Test>::post_valuation(n),
			);
		});
	}
}

#[test]
fn the_insurance_and_release_calls_never_touch_more_storage_than_they_pay_for() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		one_post_moves_the_value();
		let id = issue_largest();
		for who in all_appraisers() {
			post(&who, id, 240_000 * USD);
		}
		assert_eq!(Valuations::<Test>::get(id).len() as u32, max_appraisers());

		let insurance = Insurance {
			policy_id: long_text(64),
			coverage: 500_000 * USD,
			expiry: START + 2 * YEAR,
		};
		let (result, reads, writes) = count_accesses(|| {
			Caliber::renew_insurance(RuntimeOrigin::signed(ALICE), id, insurance.clone())
		});
		assert_ok!(result);
		assert_covered(
			"renew_insurance",
			reads,
			writes,
			<() as WeightInfo>::renew_insurance(),
			SubstrateWeight::<Test>::renew_insurance(),
		);

		let (result, reads, writes) =
			count_accesses(|| Caliber::request_release(RuntimeOrigin::signed(BOB), id));
		assert_ok!(result);
		assert_covered(
			"request_release",
			reads,
			writes,
			<() as WeightInfo>::request_release(),
			SubstrateWeight::<Test>::request_release(),
		);

		let (result, reads, writes) =
			count_accesses(|| Caliber::cancel_release(RuntimeOrigin::signed(BOB), id));
		assert_ok!(result);
		assert_covered(
			"cancel_release",
			reads,
			writes,
			<() as WeightInfo>::cancel_release(),
			SubstrateWeight::<Test>::cancel_release(),
		);

		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(BOB), id));
		let (result, reads, writes) =
			count_accesses(|| Caliber::confirm_release(RuntimeOrigin::signed(ALICE), id));
		assert_ok!(result);
		assert!(!Receipts::<Test>::contains_key(id) && !Valuations::<Test>::contains_key(id));
		assert!(writes >= attribute::ALL.len() as u64, "every attribute is cleared");
		assert_covered(
			"confirm_release",
			reads,
			writes,
			<() as WeightInfo>::confirm_release(),
			SubstrateWeight::<Test>::confirm_release(),
		);
	});
}

/// The registry has no block hooks: they must neither touch storage nor charge for it. A hook
/// added later needs a test here.
#[test]
fn the_hooks_touch_nothing_and_charge_nothing() {
	ExtBuilder::default().runtime_bounds().build_and_execute(|| {
		let id = issue_largest();
		assert_ok!(Caliber::request_release(RuntimeOrigin::signed(BOB), id));
		let ((), reads, writes) = count_accesses(|| {
			let weight = Caliber::on_initialize(2).saturating_add(Caliber::on_idle(2, Weight::MAX));
			assert_eq!(weight, Weight::zero());
			Caliber::on_finalize(2);
		});
		assert_eq!((reads, writes), (0, 0));
	});
}
